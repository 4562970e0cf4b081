import type { Principal } from '#libs/contracts';
import type { AuditRow } from './audit-trail.js';
import type { AuditedResource } from './audited.decorator.js';

export interface AuditEventView {
  seq: string;
  at: string;
  role: string;
  org?: string;
  subject?: string;
  action: string;
  resource: string;
  resourceIds: string[];
  route: string;
  status: number;
}

/**
 * What a reader of a member's audit sees of one row. Role, organisation, time, route and outcome always:
 * enough for a patient to know which clinic or insurer looked. The subject (a person's user id) only for
 * an insurer looking at its own staff's reads, whom it can hold to account; never for a patient, to whom
 * another organisation's employees' ids are personal data of their own.
 */
export function auditEventView(row: AuditRow, reader: Principal): AuditEventView {
  const ownStaff = reader.role === 'insurer' && row.org !== null && row.org === reader.org;
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    role: row.role,
    ...(row.org !== null ? { org: row.org } : {}),
    ...(ownStaff ? { subject: row.subject } : {}),
    action: row.action,
    resource: row.resource,
    resourceIds: row.resourceIds,
    route: row.route,
    status: row.status,
  };
}

/**
 * The resources whose rows a reader is not shown. A patient never sees fraud data (DOMAIN.md), not even
 * that an analyst read or decided a flag on their claim; the rows stay in the trail, and the insurer sees them.
 */
export function hiddenResourcesFor(reader: Principal): AuditedResource[] {
  return reader.role === 'patient' ? ['fraud-flag'] : [];
}

/** The cursor of an audit page: the seq of its last row, opaque to the caller. */
export function encodeAuditCursor(seq: string): string {
  return Buffer.from(`audit:${seq}`).toString('base64url');
}

/** The seq a cursor names, or null when it is not one this API issued. */
export function decodeAuditCursor(cursor: string): bigint | null {
  const match = /^audit:([1-9]\d{0,17})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? BigInt(match[1]) : null;
}
