import pg from 'pg';
import { DEV_JWT_SECRET, signDevelopmentToken, type DevelopmentTokenClaims } from '#libs/auth';
import { deleteStreams } from '#libs/messaging';
import { dropDatabase } from '#libs/persistence';
import {
  freePort,
  startService,
  TEST_NATS_URL,
  testDatabaseUrl,
  testNamespace,
  TEST_OPS_TOKEN,
  type ServiceProcess,
  UNTHROTTLED,
} from '#libs/testing';

/** The services a stack may run behind the gateway. */
export type BackendService = 'claims' | 'underwriting' | 'billing' | 'fraud' | 'ledger-bridge';

/**
 * The gateway and a chosen set of services, each built and started as its own process the way the
 * stack runs them, on its own database and a random bus namespace; everything is removed afterwards.
 */
export interface ApiStack {
  gatewayUrl: string;
  /** The stack's bus namespace, for a test that stands in for a service on the bus. */
  namespace: string;
  token: (claims: DevelopmentTokenClaims) => Promise<string>;
  /** Rows in the claims service's `claims` table: proof that a refused request stored nothing. */
  storedClaims: () => Promise<number>;
  /** Rows of one table of one service's database, e.g. `('underwriting', 'members')`. */
  storedRows: (service: BackendService, table: string) => Promise<number>;
  /** The operations URL (`/health/…`, `/metrics`) of one service of the stack. */
  serviceUrl: (service: BackendService) => string;
  /** Everything one process of the stack wrote so far, e.g. to show the gateway never crashed. */
  output: (process: BackendService | 'gateway') => string;
  /** Kills one service of the stack (SIGKILL, as a crash): it stays down. */
  kill: (service: BackendService) => Promise<void>;
  /** Whether that process is still running. */
  isRunning: (process: BackendService | 'gateway') => boolean;
  /** One service's database, for a test that holds a connection of its own (a lock, a transaction). */
  databaseUrl: (service: BackendService) => string;
  /** Runs SQL on one service's database (to arrange what no endpoint writes yet). */
  sql: (service: BackendService, text: string, values?: unknown[]) => Promise<Record<string, unknown>[]>;
  stop: () => Promise<void>;
}

/** Where the stack's databases and bus live: the shared servers unless a test brings its own. */
export interface StackInfrastructure {
  /** `postgres://user@host:port` of a PostgreSQL of the test's own. */
  databaseBaseUrl?: string;
  natsUrl?: string;
}

export async function startApiStack(
  label: string,
  extraEnv: Record<string, string> = {},
  services: readonly BackendService[] = ['claims'],
  { databaseBaseUrl, natsUrl = TEST_NATS_URL }: StackInfrastructure = {},
): Promise<ApiStack> {
  const namespace = testNamespace(label);
  const databases = new Map<string, string>(
    [...services, 'gateway'].map((service) => [service, testDatabaseUrl(service, namespace, databaseBaseUrl)]),
  );
  const common = {
    NATS_URL: natsUrl,
    BUS_NAMESPACE: namespace,
    AUTH_JWT_SECRET: DEV_JWT_SECRET,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // Every test request comes from one address and a few callers: the limits have their own tests.
    ...UNTHROTTLED,
    OPS_TOKEN: TEST_OPS_TOKEN,
    ...extraEnv,
  };
  const started: ServiceProcess[] = [];
  const start = async (service: string) => {
    const running = await startService(
      service,
      { ...common, DATABASE_URL: databases.get(service)! },
      // Generous: several services start at once, and the ledger bridge deploys its contracts before it is ready.
      { port: await freePort(), readyTimeoutMs: 90_000 },
    );
    started.push(running);
    return running;
  };
  const cleanUp = async () => {
    for (const service of started.reverse()) await service.stop();
    await deleteStreams(natsUrl, namespace).catch(() => undefined);
    for (const url of databases.values()) await dropDatabase(url);
  };
  let gateway: ServiceProcess;
  try {
    // The services start side by side; the gateway last, so its first request finds them serving.
    const outcomes = await Promise.allSettled(services.map(start));
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    gateway = await start('gateway');
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const databaseOf = (service: BackendService) => {
    const url = databases.get(service);
    if (!url) throw new Error(`${service} is not part of this stack (started: ${services.join(', ')})`);
    return url;
  };
  const processOf = (name: BackendService | 'gateway') => {
    const running = started.find((candidate) => candidate.name === name);
    if (!running) throw new Error(`${name} is not part of this stack (started: ${services.join(', ')})`);
    return running;
  };
  const sql = (service: BackendService, text: string, values: unknown[] = []) =>
    query(databaseOf(service), text, values);
  const storedRows = async (service: BackendService, table: string) =>
    Number((await sql(service, `SELECT count(*) AS count FROM ${table}`))[0].count);
  return {
    gatewayUrl: gateway.url,
    namespace,
    token: (claims) => signDevelopmentToken(claims, DEV_JWT_SECRET),
    storedClaims: () => storedRows('claims', 'claims'),
    storedRows,
    serviceUrl: (service) => processOf(service).url,
    output: (name) => processOf(name).output(),
    kill: (service) => processOf(service).kill(),
    isRunning: (name) => {
      const { child } = processOf(name);
      return child.exitCode === null && child.signalCode === null;
    },
    databaseUrl: databaseOf,
    sql,
    stop: cleanUp,
  };
}

async function query(databaseUrl: string, text: string, values: unknown[]): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(text, values)).rows;
  } finally {
    await client.end();
  }
}
