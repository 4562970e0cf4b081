import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const BIN = process.env.POSTGRES_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

/** A PostgreSQL server of the campaign's own: its data directory, its port, stopped and started at will. */
export interface PostgresServer {
  port: number;
  /** The server without a database: each service gets `<url>/hc_<service>`. */
  url: string;
  dataDir: string;
  logFile: string;
  isUp: () => boolean;
  /** `pg_ctl stop -m immediate`: every connection drops, and the next start runs crash recovery. */
  stopImmediate: () => Promise<void>;
  /** `pg_ctl start -w`: back on the same data, once it accepts connections. */
  start: () => Promise<void>;
  /** Synchronous last resort from an exit hook: SIGQUIT to the postmaster (an immediate shutdown). */
  killNow: () => void;
}

/**
 * initdb a fresh cluster in `dir` (trust auth, user postgres) and start it on 127.0.0.1:`port`, its
 * socket in `dir` too. PostgreSQL refuses to run as root; when this process is root, the server runs
 * as the `postgres` system user, which then owns `dir`.
 */
export async function startPostgresServer(dir: string, port: number): Promise<PostgresServer> {
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  const runAs = serverUser();
  mkdirSync(dir, { recursive: true });
  if (runAs) chownSync(dir, runAs.uid, runAs.gid);
  const run = (binary: string, args: string[]) =>
    promisify(execFile)(join(BIN, binary), args, { cwd: dir, timeout: 120_000, ...(runAs ?? {}) }).catch(
      (error: Error & { stderr?: string }) => {
        throw new Error(`${binary} ${args.join(' ')} failed: ${error.stderr?.trim() || error.message}`, {
          cause: error,
        });
      },
    );
  if (!existsSync(join(BIN, 'initdb'))) {
    throw new Error(`${join(BIN, 'initdb')} not found: install PostgreSQL 15 or set POSTGRES_BIN_DIR`);
  }
  await run('initdb', ['-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '-D', dataDir]);
  // Six services with pools of 10, restarts leaving connections behind for a moment: room for them.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  let up = false;
  const start = async () => {
    await run('pg_ctl', ['-D', dataDir, '-o', options, '-l', logFile, '-w', '-t', '120', 'start']);
    up = true;
  };
  await start();
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}`,
    dataDir,
    logFile,
    isUp: () => up,
    stopImmediate: async () => {
      up = false;
      await run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    },
    start,
    killNow: () => {
      const pid = postmasterPid(dataDir);
      if (pid === undefined) return;
      try {
        process.kill(pid, 'SIGQUIT');
      } catch {
        // Already gone.
      }
    },
  };
}

function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The `postgres` system user's ids when this process is root (initdb and postgres refuse root). */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === 'postgres');
  if (!entry) {
    throw new Error('running as root, and there is no postgres system user to run a private PostgreSQL as');
  }
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}
