import { NestFactory } from '@nestjs/core';
import { natsServers } from '#libs/config';
import type { NestApplicationOptions } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ClaimsConfig } from './claims.config.js';
import { ClaimsModule } from './claims.module.js';
import { NamespacedNatsServer } from '#libs/rpc';

/**
 * The claims service as a hybrid app: Fastify for the operations endpoints (health, metrics) and
 * the NATS request/reply server for the gateway. Shared by `main.ts` and the in-process tests.
 */
export async function createClaimsApp(
  config: ClaimsConfig,
  logger?: NestApplicationOptions['logger'],
): Promise<NestFastifyApplication> {
  // A queue group, so several claims instances share the requests instead of each answering all.
  const rpcServer = new NamespacedNatsServer(
    config.busNamespace,
    {
      servers: natsServers(config.natsUrl),
      queue: 'claims',
      name: 'claims-rpc',
      maxReconnectAttempts: -1,
      gracefulShutdown: true,
      gracePeriod: 200,
    },
    'claims',
  );
  const app = await NestFactory.create<NestFastifyApplication>(
    ClaimsModule.forRoot({ config, rpcServer }),
    new FastifyAdapter(),
    logger === undefined ? {} : { logger },
  );
  app.connectMicroservice({ strategy: rpcServer }, { inheritAppConfig: true });
  return app;
}

/** Starts serving: requests first wait for the microservice, then the operations port opens. */
export async function startClaimsApp(app: NestFastifyApplication, port: number, host = '0.0.0.0'): Promise<void> {
  await app.startAllMicroservices();
  await app.listen(port, host);
}
