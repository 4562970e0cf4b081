import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** One audit row as the gateway writes it; the chain trigger adds seq, time and hashes. */
export interface AuditEntry {
  subject: string;
  role: string;
  org: string | null;
  action: 'read' | 'write';
  resource: string;
  resourceIds: string[];
  memberIds: string[];
  route: string;
  status: number;
  requestId: string;
}

/** One stored row, as the audit API shows it. */
export interface AuditRow extends AuditEntry {
  seq: string;
  at: Date;
}

/**
 * The `audit_events` table: append one row (numbered and chained by its trigger, in one statement, so
 * concurrent requests queue on the head row only for that insert) and read one member's rows, newest first.
 */
@Injectable()
export class AuditTrail {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO audit_events
         (subject, role, org, action, resource, resource_ids, member_ids, route, status, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        entry.subject,
        entry.role,
        entry.org,
        entry.action,
        entry.resource,
        entry.resourceIds,
        entry.memberIds,
        entry.route,
        entry.status,
        entry.requestId,
      ],
    );
  }

  /** `limit + 1` rows about `memberId` before seq `before` (all when null), newest first. */
  async aboutMember(memberId: string, before: bigint | null, limit: number): Promise<AuditRow[]> {
    return this.dataSource.query(
      `SELECT seq::text AS seq, at, subject, role, org, action, resource, resource_ids AS "resourceIds",
              member_ids AS "memberIds", route, status, request_id AS "requestId"
       FROM audit_events
       WHERE member_ids @> ARRAY[$1]::text[] AND ($2::bigint IS NULL OR seq < $2::bigint)
       ORDER BY audit_events.seq DESC LIMIT $3`,
      [memberId, before === null ? null : before.toString(), limit + 1],
    );
  }
}
