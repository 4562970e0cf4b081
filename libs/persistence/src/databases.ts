import pg from 'pg';

function split(url: string): { adminUrl: string; database: string } {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`database name "${database}" must be letters, digits or _`);
  parsed.pathname = '/postgres';
  return { adminUrl: parsed.toString(), database };
}

async function withAdmin<T>(url: string, fn: (client: pg.Client, database: string) => Promise<T>): Promise<T> {
  const { adminUrl, database } = split(url);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client, database);
  } finally {
    await client.end();
  }
}

/** Creates the database named in `url` if it does not exist (concurrent callers are tolerated). */
export async function ensureDatabase(url: string): Promise<void> {
  await withAdmin(url, async (client, database) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount) return;
    try {
      await client.query(`CREATE DATABASE "${database}"`);
    } catch (error) {
      // 42P04 duplicate_database, 23505 unique_violation: another process created it first.
      const code = (error as { code?: string }).code;
      if (code !== '42P04' && code !== '23505') throw error;
    }
  });
}

/** Drops the database named in `url`, closing other sessions on it first (tests clean up with this). */
export async function dropDatabase(url: string): Promise<void> {
  await withAdmin(url, async (client, database) => {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  });
}
