import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuditRowFields } from '#libs/contracts';

/** One audit row as the gateway writes it; the chain trigger adds seq, time and hashes. */
export type AuditEntry = Omit<AuditRowFields, 'seq' | 'atMicros' | 'prevHash' | 'action'> & {
  action: 'read' | 'write';
};

/** One stored row, as the audit API shows it. */
export interface AuditRow extends AuditEntry {
  seq: string;
  at: Date;
}

/** The columns the gateway writes; the trigger fills in the rest. */
const COLUMNS = 'subject, role, org, action, resource, resource_ids, member_ids, route, status, request_id';
const PER_ROW = 10;

interface Pending {
  entry: AuditEntry;
  settle: (error?: Error) => void;
}

/**
 * The `audit_events` table. Rows are numbered and chained by its trigger under a lock on the one head
 * row, held until commit: one insert at a time per database. So concurrent appends are written together,
 * as one multi-row INSERT (one lock, one commit) while the previous one commits; each caller waits for
 * its own row's commit. Read: one member's rows, newest first.
 */
@Injectable()
export class AuditTrail {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Resolves once `entry` is committed; rejects if its batch could not be stored. */
  append(entry: AuditEntry): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ entry, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      // PostgreSQL takes at most 65,535 parameters in one statement.
      const batch = this.queue.splice(0, 1000);
      try {
        await this.insert(batch.map((pending) => pending.entry));
        for (const pending of batch) pending.settle();
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const pending of batch) pending.settle(failure);
      }
    }
    this.flushing = false;
  }

  private async insert(entries: AuditEntry[]): Promise<void> {
    const rows = entries.map(
      (_, row) => `(${Array.from({ length: PER_ROW }, (__, column) => `$${row * PER_ROW + column + 1}`).join(', ')})`,
    );
    const values = entries.flatMap((entry) => [
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
    ]);
    await this.dataSource.query(`INSERT INTO audit_events (${COLUMNS}) VALUES ${rows.join(', ')}`, values);
  }

  /**
   * `limit + 1` rows about `memberId` before seq `before` (all when null), newest first, but none of a
   * `hidden` resource (filtered here, so a page is still `limit` rows long).
   */
  async aboutMember(
    memberId: string,
    before: bigint | null,
    limit: number,
    hidden: readonly string[] = [],
  ): Promise<AuditRow[]> {
    return this.dataSource.query(
      `SELECT seq::text AS seq, at, subject, role, org, action, resource, resource_ids AS "resourceIds",
              member_ids AS "memberIds", route, status, request_id AS "requestId"
       FROM audit_events
       WHERE member_ids @> ARRAY[$1]::text[] AND ($2::bigint IS NULL OR seq < $2::bigint)
         AND resource <> ALL($4::text[])
       ORDER BY audit_events.seq DESC LIMIT $3`,
      [memberId, before === null ? null : before.toString(), limit + 1, hidden],
    );
  }
}
