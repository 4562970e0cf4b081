import pg from 'pg';

/**
 * Tables that change on a refused request, legitimately: the gateway's rate limiter counts every
 * request, refused or not (`rate_limit_hits`), and the audit trail records refused attempts too
 * (`audit_events`, and `audit_head`, its chain's head). Everything else must stay as it was.
 */
export const TABLES_CHANGED_BY_REFUSED_REQUESTS: readonly string[] = ['rate_limit_hits', 'audit_events', 'audit_head'];

/** One fingerprint per table (`service.schema.table` → md5 of its rows in a fixed order). */
export type DatabaseSnapshot = Record<string, string>;

/** Fingerprints every table of every database, but those that change legitimately. */
export async function snapshotDatabases(databaseUrls: Readonly<Record<string, string>>): Promise<DatabaseSnapshot> {
  const snapshot: DatabaseSnapshot = {};
  for (const [service, url] of Object.entries(databaseUrls)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows: tables } = await client.query<{ schema: string; name: string }>(
        `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
          WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
      );
      for (const { schema, name } of tables) {
        if (TABLES_CHANGED_BY_REFUSED_REQUESTS.includes(name)) continue;
        const table = `${quote(schema)}.${quote(name)}`;
        const { rows } = await client.query<{ count: string; digest: string | null }>(
          `SELECT count(*) AS count, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${table} t`,
        );
        snapshot[`${service}.${schema}.${name}`] = `${rows[0].count}:${rows[0].digest ?? '-'}`;
      }
    } finally {
      await client.end();
    }
  }
  return snapshot;
}

/** The tables whose fingerprint differs, with before → after. */
export function changedTables(before: DatabaseSnapshot, after: DatabaseSnapshot): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((name) => before[name] !== after[name])
    .map((name) => `${name}: ${before[name]} → ${after[name]}`);
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
