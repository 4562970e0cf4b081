import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { readServiceConfig, readUrl } from '#libs/config';
import { NestPinoLogger } from '#libs/observability';
import { migrateOnlyRequested } from '#libs/persistence';
import { LedgerBridgeModule } from './ledger-bridge.module.js';

// Telemetry is already running: the process is started with `node --import .../preload.js`.
const logger = new NestPinoLogger('ledger-bridge');
try {
  const config = readServiceConfig('ledger-bridge');
  const chainRpcUrl = readUrl(process.env, 'CHAIN_RPC_URL', 'http://127.0.0.1:8545', ['http:', 'https:']);
  // `npm run migrate` runs each service with MIGRATE_ONLY=1: this one has no database yet.
  if (migrateOnlyRequested()) process.exit(0);
  const app = await NestFactory.create<NestFastifyApplication>(
    LedgerBridgeModule.forRoot({ chainRpcUrl }),
    new FastifyAdapter(),
    { logger },
  );
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen(config.port, '0.0.0.0');
} catch (error) {
  logger.fatal(error);
  process.exit(1);
}
