import { execFile, execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './isolation.js';

const run = promisify(execFile);
const POSTGRES_BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL server of one test's own, on a free port, that the test may stop and start at will:
 * the shared server on 5432 must never be stopped, so fault tests (a database outage mid-backlog, the
 * chaos tool) run against one of these. Data lives in a temporary folder that `destroy()` removes.
 */
export interface PrivatePostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`; swap the database name for your own. */
  url: string;
  port: number;
  /** Its folder: the data directory `data/` and the server's log `server.log`. */
  dir: string;
  /** A URL on this server for `database` (created by `ensureDatabase` / `openAndMigrate`). */
  urlFor(database: string): string;
  /** Like a crash: `pg_ctl stop -m immediate`, connections cut with no goodbye. */
  stopImmediate(): Promise<void>;
  /** Starts the server again on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops the server if it runs and removes its data. Safe to call twice. */
  destroy(): Promise<void>;
}

const running = new Set<string>();
let exitHookInstalled = false;

/** initdb refuses to run as root; as root (CI, this machine) the server runs as the `postgres` user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (!line) throw new Error('running as root needs a postgres user to run a private PostgreSQL');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Starts a private PostgreSQL 15 (trust auth, user postgres) on `port` or a free one. */
export async function startPrivatePostgres({ port }: { port?: number } = {}): Promise<PrivatePostgres> {
  const chosen = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'private-pg-'));
  const data = join(dir, 'data');
  const user = runAs();
  if (user) chownSync(dir, user.uid, user.gid);
  const options = { ...user, cwd: dir };
  const pgCtl = (...args: string[]) => run(join(POSTGRES_BIN, 'pg_ctl'), ['-D', data, ...args], options);
  // Durability settings off: the data is thrown away, and a stop in immediate mode still tests recovery.
  const serverOptions = `-p ${chosen} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;

  await run(join(POSTGRES_BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-N', '-E', 'UTF8'], options);
  installExitHook();

  let destroyed = false;
  const server: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${chosen}/postgres`,
    port: chosen,
    dir,
    urlFor: (database) => `postgres://postgres@127.0.0.1:${chosen}/${database}`,
    async start() {
      if (destroyed) throw new Error('this private PostgreSQL was destroyed');
      running.add(data);
      await pgCtl('-o', serverOptions, '-l', join(dir, 'server.log'), '-w', '-t', '30', 'start');
    },
    async stopImmediate() {
      await pgCtl('-m', 'immediate', '-w', 'stop');
      running.delete(data);
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      if (running.has(data)) await pgCtl('-m', 'immediate', '-w', 'stop').catch(() => undefined);
      running.delete(data);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await server.start();
  } catch (error) {
    await server.destroy();
    throw error;
  }
  return server;
}

/** A test run that dies before its clean-up must not leave a postgres running in the background. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const data of running) {
      try {
        execFileSync(join(POSTGRES_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], {
          ...runAs(),
          stdio: 'ignore',
        });
      } catch {
        // Already gone.
      }
    }
  });
}
