import { SetMetadata } from '@nestjs/common';

/** What the audit calls the personal data a route touches (docs/decisions/0010-audit-trail.md). */
export type AuditedResource = 'claim' | 'member' | 'estimate' | 'consent' | 'fraud-flag' | 'record' | 'audit';

export interface AuditedRoute {
  resource: AuditedResource;
  /**
   * Where the ids of what was touched come from: the reply (`reply`, default: its `id`s and `memberId`s,
   * or those of its `items`), or only the path (`param`: a timeline's items are entries, not claims).
   * A refused request always takes them from the path and query.
   */
  idsFrom?: 'reply' | 'param';
  /** The path parameter naming the resource (default `id`). */
  idParam?: string;
  /** A path or query parameter that is a member id (a member's own routes, the audit of one member). */
  memberParam?: string;
  /** The reply field holding the resource id when it is not `id` (records: `recordId`). */
  idField?: string;
}

export const AUDITED_KEY = 'healthclaims:audited';

/**
 * Every call of the route is written to the audit trail with its caller, route and outcome; a successful
 * one only if its row is stored (else 503: nothing leaves unaudited). Put it on every route that reads or
 * writes personal data.
 */
export const Audited = (resource: AuditedResource, options: Omit<AuditedRoute, 'resource'> = {}) =>
  SetMetadata(AUDITED_KEY, { resource, ...options } satisfies AuditedRoute);
