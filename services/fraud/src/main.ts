import 'reflect-metadata';
import { NestPinoLogger } from '#libs/observability';
import { migrateAndClose, migrateOnlyRequested } from '#libs/persistence';
import { readFraudConfig } from './fraud-config.js';
import { createFraudApp, startFraudApp } from './fraud.app.js';
import { fraudMigrations } from './migrations/index.js';

// Telemetry is already running: the process is started with `node --import .../preload.js`.
const logger = new NestPinoLogger('fraud');
try {
  const config = readFraudConfig();
  if (migrateOnlyRequested()) {
    await migrateAndClose({ url: config.databaseUrl, entities: [], migrations: fraudMigrations });
    process.exit(0);
  }
  const app = await createFraudApp(config, logger);
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await startFraudApp(app, config.port, config.host);
} catch (error) {
  logger.fatal(error);
  process.exit(1);
}
