import 'reflect-metadata';
import { NestPinoLogger } from '#libs/observability';
import { migrateAndClose, migrateOnlyRequested } from '#libs/persistence';
import { underwritingMigrations } from './migrations/index.js';
import { createUnderwritingApp, startUnderwritingApp } from './underwriting.app.js';
import { readUnderwritingConfig } from './underwriting.config.js';

// Telemetry is already running: the process is started with `node --import .../preload.js`.
const logger = new NestPinoLogger('underwriting');
try {
  const config = readUnderwritingConfig();
  if (migrateOnlyRequested()) {
    await migrateAndClose({ url: config.databaseUrl, entities: [], migrations: underwritingMigrations });
    process.exit(0);
  }
  const app = await createUnderwritingApp(config, logger);
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await startUnderwritingApp(app, config.port, config.host);
} catch (error) {
  logger.fatal(error);
  process.exit(1);
}
