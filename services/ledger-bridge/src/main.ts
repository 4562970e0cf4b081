import 'reflect-metadata';
import { NestPinoLogger } from '#libs/observability';
import { migrateAndClose, migrateOnlyRequested } from '#libs/persistence';
import { readBridgeConfig } from './config/bridge-config.js';
import { createLedgerBridgeApp, startLedgerBridgeApp } from './ledger-bridge.app.js';
import { ledgerBridgeMigrations } from './migrations/index.js';

// Telemetry is already running: the process is started with `node --import .../preload.js`.
const logger = new NestPinoLogger('ledger-bridge');
try {
  const config = readBridgeConfig();
  if (migrateOnlyRequested()) {
    await migrateAndClose({ url: config.databaseUrl, entities: [], migrations: ledgerBridgeMigrations });
    process.exit(0);
  }
  const app = await createLedgerBridgeApp(config, logger);
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await startLedgerBridgeApp(app, config.port, config.host);
} catch (error) {
  logger.fatal(error);
  process.exit(1);
}
