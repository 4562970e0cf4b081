import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { signDevelopmentToken, DEV_JWT_SECRET, type DevelopmentTokenClaims } from '#libs/auth';
import { dropDatabase } from '#libs/persistence';
import { TEST_NATS_URL, TEST_OPS_TOKEN, testDatabaseUrl, testNamespace } from '#libs/testing';
import { readGatewayConfig } from '../../src/config/gateway-config.js';
import { createGatewayApp } from '../../src/gateway-app.js';
import { StandInServices } from './stand-in-services.js';

const silentLogger = { log: () => {}, error: () => {}, warn: () => {} };

export interface GatewayHarness {
  url: string;
  databaseUrl: string;
  app: NestFastifyApplication;
  standIn: StandInServices;
  token: (claims: DevelopmentTokenClaims) => Promise<string>;
  stop: () => Promise<void>;
}

/**
 * The gateway in this process on a real port (Fastify inject does not work under jest here), on
 * its own database (on the shared PostgreSQL, or on `databaseBaseUrl`, a server of the test's own)
 * and bus namespace, with a stand-in answering every service's request/reply patterns.
 */
export async function startGateway(
  env: Record<string, string> = {},
  {
    databaseBaseUrl,
    sharedDatabaseUrl,
    logger = silentLogger,
  }: { databaseBaseUrl?: string; sharedDatabaseUrl?: string; logger?: LoggerService } = {},
): Promise<GatewayHarness> {
  const namespace = testNamespace('gw');
  // A replica of another harness's gateway uses its database, which that harness drops.
  const databaseUrl = sharedDatabaseUrl ?? testDatabaseUrl('gateway', namespace, databaseBaseUrl);
  const dropOwnDatabase = () => (sharedDatabaseUrl ? Promise.resolve() : dropDatabase(databaseUrl));
  const standIn = await StandInServices.start(TEST_NATS_URL, namespace);
  const config = readGatewayConfig({
    DATABASE_URL: databaseUrl,
    NATS_URL: TEST_NATS_URL,
    BUS_NAMESPACE: namespace,
    AUTH_JWT_SECRET: DEV_JWT_SECRET,
    RPC_TIMEOUT_MS: '400',
    OPS_TOKEN: TEST_OPS_TOKEN,
    // The stand-in has no backlog to count, and tests count the calls it gets: admission control has
    // its own test with the real claims service (test/api/admission-control.spec.ts).
    ADMISSION_MAX_REVIEW_BACKLOG: '0',
    ...env,
  });
  let app: NestFastifyApplication | undefined;
  try {
    app = await createGatewayApp(config, { logger, docsUi: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await app?.close().catch(() => undefined);
    await standIn.stop();
    await dropOwnDatabase();
    throw error;
  }
  const started = app;
  const address = started.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    databaseUrl,
    app: started,
    standIn,
    token: (claims) => signDevelopmentToken(claims, DEV_JWT_SECRET),
    stop: async () => {
      await started.close();
      await standIn.stop();
      await dropOwnDatabase();
    },
  };
}
