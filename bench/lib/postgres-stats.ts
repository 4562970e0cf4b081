import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

async function withClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function databaseNameOf(databaseUrl: string): string {
  return new URL(databaseUrl).pathname.slice(1);
}

/** The settings that make a commit durable; the figures mean nothing if either is off. */
export function durabilitySettings(databaseUrl: string): Promise<{ fsync: string; synchronousCommit: string }> {
  return withClient(databaseUrl, async (client) => {
    const fsync = (await client.query<{ fsync: string }>('SHOW fsync')).rows[0].fsync;
    const synchronousCommit = (await client.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]
      .synchronous_commit;
    return { fsync, synchronousCommit };
  });
}

/** Committed transactions so far in each named database (pg_stat_database, flushed about once a second). */
export function commitsByDatabase(
  databaseUrl: string,
  databases: Record<string, string>,
): Promise<Record<string, number>> {
  return withClient(databaseUrl, async (client) => {
    const result: Record<string, number> = {};
    for (const [label, name] of Object.entries(databases)) {
      const { rows } = await client.query<{ commits: string }>(
        'SELECT xact_commit AS commits FROM pg_stat_database WHERE datname = $1',
        [name],
      );
      result[label] = Number(rows[0]?.commits ?? 0);
    }
    return result;
  });
}

/** The backends (pids) connected to each named database, for their CPU time. */
export function backendsByDatabase(databaseUrl: string, databases: Record<string, string>) {
  return withClient(databaseUrl, async (client) => {
    const result: Record<string, number[]> = {};
    for (const [label, name] of Object.entries(databases)) {
      const { rows } = await client.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      result[label] = rows.map((row) => row.pid);
    }
    return result;
  });
}

/**
 * PostgreSQL's ceiling on this machine: pgbench's TPC-B-like load (scale 1, `clients` clients,
 * `seconds` long) on a scratch database created and dropped here. Returns pgbench's TPS.
 */
export async function pgbenchTps(serverUrl: string, scratch: string, clients = 8, threads = 2, seconds = 10) {
  const url = new URL(serverUrl);
  const connection = [
    '-h',
    url.hostname,
    '-p',
    url.port || '5432',
    '-U',
    decodeURIComponent(url.username || 'postgres'),
  ];
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${scratch}"`));
  try {
    await run('pgbench', [...connection, '-i', '-s', '1', '-q', scratch], { timeout: 120_000 });
    const { stdout } = await run(
      'pgbench',
      [...connection, '-c', String(clients), '-j', String(threads), '-T', String(seconds), scratch],
      { timeout: (seconds + 60) * 1000 },
    );
    const match = /tps = ([\d.]+)/.exec(stdout);
    if (!match) throw new Error(`pgbench printed no tps:\n${stdout}`);
    return { tps: Number(match[1]), clients, threads, seconds };
  } finally {
    await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`));
  }
}
