import { NestFactory } from '@nestjs/core';
import { natsServers } from '#libs/config';
import type { NestApplicationOptions } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NamespacedNatsServer } from '#libs/rpc';
import type { UnderwritingConfig } from './underwriting.config.js';
import { UnderwritingModule } from './underwriting.module.js';

/**
 * The underwriting service as a hybrid app: Fastify for the operations endpoints (health, metrics)
 * and the NATS request/reply server for the gateway. Shared by `main.ts` and the in-process tests.
 */
export async function createUnderwritingApp(
  config: UnderwritingConfig,
  logger?: NestApplicationOptions['logger'],
): Promise<NestFastifyApplication> {
  // A queue group, so several instances share the requests instead of each answering all.
  const rpcServer = new NamespacedNatsServer(
    config.busNamespace,
    {
      servers: natsServers(config.natsUrl),
      queue: 'underwriting',
      name: 'underwriting-rpc',
      maxReconnectAttempts: -1,
      gracefulShutdown: true,
      gracePeriod: 200,
    },
    'underwriting',
  );
  const app = await NestFactory.create<NestFastifyApplication>(
    UnderwritingModule.forRoot({ config, rpcServer }),
    new FastifyAdapter(),
    logger === undefined ? {} : { logger },
  );
  app.connectMicroservice({ strategy: rpcServer }, { inheritAppConfig: true });
  return app;
}

/** Starts serving: requests first wait for the microservice, then the operations port opens. */
export async function startUnderwritingApp(app: NestFastifyApplication, port: number, host = '0.0.0.0'): Promise<void> {
  await app.startAllMicroservices();
  await app.listen(port, host);
}
