import { NestFactory } from '@nestjs/core';
import { natsServers } from '#libs/config';
import type { NestApplicationOptions } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NamespacedNatsServer } from '#libs/rpc';
import type { BridgeConfig } from './config/bridge-config.js';
import { LedgerBridgeModule } from './ledger-bridge.module.js';

/**
 * The ledger bridge as a hybrid app: Fastify for the operations endpoints and the NATS request/reply
 * server for the gateway's on-chain endpoints. Shared by `main.ts` and in-process tests.
 */
export async function createLedgerBridgeApp(
  config: BridgeConfig,
  logger?: NestApplicationOptions['logger'],
): Promise<NestFastifyApplication> {
  const rpcServer = new NamespacedNatsServer(
    config.busNamespace,
    {
      servers: natsServers(config.natsUrl),
      queue: 'ledger-bridge',
      name: 'ledger-bridge-rpc',
      maxReconnectAttempts: -1,
      gracefulShutdown: true,
      gracePeriod: 200,
    },
    'ledger-bridge',
  );
  const app = await NestFactory.create<NestFastifyApplication>(
    LedgerBridgeModule.forRoot({ config, rpcServer }),
    new FastifyAdapter(),
    logger === undefined ? {} : { logger },
  );
  app.connectMicroservice({ strategy: rpcServer }, { inheritAppConfig: true });
  return app;
}

export async function startLedgerBridgeApp(app: NestFastifyApplication, port: number, host = '0.0.0.0'): Promise<void> {
  await app.startAllMicroservices();
  await app.listen(port, host);
}
