import 'reflect-metadata';
import { NestPinoLogger } from '#libs/observability';
import { migrateAndClose, migrateOnlyRequested } from '#libs/persistence';
import { createBillingApp, startBillingApp } from './billing.app.js';
import { readBillingConfig } from './config/billing-config.js';
import { billingMigrations } from './migrations/index.js';

// Telemetry is already running: the process is started with `node --import .../preload.js`.
const logger = new NestPinoLogger('billing');
try {
  const config = readBillingConfig();
  if (migrateOnlyRequested()) {
    await migrateAndClose({ url: config.databaseUrl, entities: [], migrations: billingMigrations });
    process.exit(0);
  }
  const app = await createBillingApp(config, logger);
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await startBillingApp(app, config.port, config.host);
} catch (error) {
  logger.fatal(error);
  process.exit(1);
}
