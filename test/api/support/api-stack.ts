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
  type ServiceProcess,
} from '#libs/testing';

/**
 * The gateway and the claims service, each built and started as its own process the way the stack
 * runs them, on their own databases and a random bus namespace; everything is removed afterwards.
 */
export interface ApiStack {
  gatewayUrl: string;
  token: (claims: DevelopmentTokenClaims) => Promise<string>;
  /** Rows in the claims service's `claims` table: proof that a refused request stored nothing. */
  storedClaims: () => Promise<number>;
  stop: () => Promise<void>;
}

export async function startApiStack(label: string, extraEnv: Record<string, string> = {}): Promise<ApiStack> {
  const namespace = testNamespace(label);
  const claimsDatabase = testDatabaseUrl('claims', namespace);
  const gatewayDatabase = testDatabaseUrl('gateway', namespace);
  const common = {
    NATS_URL: TEST_NATS_URL,
    BUS_NAMESPACE: namespace,
    AUTH_JWT_SECRET: DEV_JWT_SECRET,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const started: ServiceProcess[] = [];
  const cleanUp = async () => {
    for (const service of started.reverse()) await service.stop();
    await deleteStreams(TEST_NATS_URL, namespace).catch(() => undefined);
    await dropDatabase(claimsDatabase);
    await dropDatabase(gatewayDatabase);
  };
  try {
    started.push(await startService('claims', { ...common, DATABASE_URL: claimsDatabase }, { port: await freePort() }));
    started.push(
      await startService('gateway', { ...common, DATABASE_URL: gatewayDatabase }, { port: await freePort() }),
    );
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return {
    gatewayUrl: started[1].url,
    token: (claims) => signDevelopmentToken(claims, DEV_JWT_SECRET),
    storedClaims: () => countRows(claimsDatabase, 'claims'),
    stop: cleanUp,
  };
}

async function countRows(databaseUrl: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(`SELECT count(*) FROM ${table}`);
    return Number(rows[0].count);
  } finally {
    await client.end();
  }
}
