import pg from 'pg';
import { AUDIT_ROW_COLUMNS, findChainBreak, type AuditRowFields, type ChainBreak } from '#libs/contracts';

export type StoredAuditRow = AuditRowFields & { hash: string };

/** The gateway's audit table read directly, as an auditor (or an attacker with database access) would. */
export class AuditRows {
  private constructor(private readonly client: pg.Client) {}

  static async open(databaseUrl: string): Promise<AuditRows> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return new AuditRows(client);
  }

  async all(): Promise<StoredAuditRow[]> {
    return (
      await this.client.query<StoredAuditRow>(`SELECT ${AUDIT_ROW_COLUMNS} FROM audit_events ORDER BY audit_events.seq`)
    ).rows;
  }

  async ofRequest(requestId: string): Promise<StoredAuditRow[]> {
    return (await this.all()).filter((row) => row.requestId === requestId);
  }

  async chainBreak(): Promise<ChainBreak | null> {
    return findChainBreak(await this.all());
  }

  query(text: string, values: unknown[] = []): Promise<pg.QueryResult> {
    return this.client.query(text, values);
  }

  /** Changes a stored row behind the triggers' back, as only a superuser can. */
  async tamper(text: string, values: unknown[] = []): Promise<void> {
    await this.client.query('SET session_replication_role = replica');
    try {
      await this.client.query(text, values);
    } finally {
      await this.client.query('SET session_replication_role = DEFAULT');
    }
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
