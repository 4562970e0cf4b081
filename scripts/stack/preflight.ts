import { connect } from 'node:net';
import { natsServers } from '#libs/config';
import pg from 'pg';
import { hostAndPort } from './stack-config.js';

/** How to start each broker on this kind of machine (the same lines as /work/shared/hooks/before-stop). */
export const START_POSTGRES = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
export const START_NATS = [
  'start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log',
  'or in a terminal of its own: nats-server -js',
];

export interface PreflightProblem {
  what: 'PostgreSQL' | 'NATS';
  where: string;
  cause: string;
  howToFix: string[];
}

const TIMEOUT_MS = 3000;

/** Checks that PostgreSQL answers a query and NATS answers with JetStream on; returns what is wrong. */
export async function preflight(postgresUrl: string, natsUrl: string): Promise<PreflightProblem[]> {
  const problems = await Promise.all([checkPostgres(postgresUrl), checkNats(natsUrl)]);
  return problems.filter((problem): problem is PreflightProblem => problem !== undefined);
}

export function describeProblem(problem: PreflightProblem): string {
  return [
    `${problem.what} is not usable at ${problem.where}: ${problem.cause}`,
    ...problem.howToFix.map((line) => `    ${line}`),
  ].join('\n');
}

async function checkPostgres(postgresUrl: string): Promise<PreflightProblem | undefined> {
  const { host, port } = hostAndPort(postgresUrl, 5432);
  const url = new URL(postgresUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: TIMEOUT_MS });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    const refused = isConnectionError(error);
    return {
      what: 'PostgreSQL',
      where: `${host}:${port} (DATABASE_BASE_URL, default postgres://postgres@127.0.0.1:5432)`,
      cause: messageOf(error),
      howToFix: refused
        ? ['Start it:', `  ${START_POSTGRES}`, 'or point DATABASE_BASE_URL at a running server.']
        : ['It answered but refused the connection: check the user and password in DATABASE_BASE_URL.'],
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A NATS server greets every client with `INFO {...}`, which says whether JetStream is on. */
async function checkNats(natsUrl: string): Promise<PreflightProblem | undefined> {
  // With a cluster's list, the first server stands for the bus: npm start runs one.
  const { host, port } = hostAndPort(natsServers(natsUrl)[0], 4222);
  const where = `${host}:${port} (NATS_URL, default nats://127.0.0.1:4222)`;
  const start = ['Start it with JetStream:', ...START_NATS.map((line) => `  ${line}`)];
  try {
    const info = await readNatsInfo(host, port);
    if (info.jetstream === true) return undefined;
    return {
      what: 'NATS',
      where,
      cause: 'the server runs without JetStream',
      howToFix: ['Restart it with -js.', ...start],
    };
  } catch (error) {
    return { what: 'NATS', where, cause: messageOf(error), howToFix: start };
  }
}

function readNatsInfo(host: string, port: number): Promise<{ jetstream?: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: TIMEOUT_MS });
    let received = '';
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    socket.on('timeout', () => fail(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    socket.on('error', fail);
    socket.on('data', (chunk) => {
      received += chunk.toString();
      const end = received.indexOf('\r\n');
      if (end < 0) return;
      socket.destroy();
      const line = received.slice(0, end);
      if (!line.startsWith('INFO ')) return reject(new Error(`it does not speak NATS (said "${line.slice(0, 40)}")`));
      try {
        resolve(JSON.parse(line.slice(5)) as { jetstream?: boolean });
      } catch {
        reject(new Error('its INFO line is not JSON'));
      }
    });
  });
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return (
    code === 'ECONNREFUSED' ||
    code === 'ETIMEDOUT' ||
    code === 'EHOSTUNREACH' ||
    code === 'ENOTFOUND' ||
    /timeout/i.test(messageOf(error))
  );
}

function messageOf(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code} ${message}` : message || String(code);
}
