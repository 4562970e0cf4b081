import 'reflect-metadata';
import { NestPinoLogger } from '#libs/observability';
import { migrateAndClose, migrateOnlyRequested } from '#libs/persistence';
import { claimsEntities } from './claim/entities.js';
import { readClaimsConfig } from './claims.config.js';
import { createClaimsApp, startClaimsApp } from './claims.app.js';
import { claimsMigrations } from './migrations/index.js';

// Telemetry is already running: the process is started with `node --import .../preload.js`.
const logger = new NestPinoLogger('claims');
try {
  const config = readClaimsConfig();
  if (migrateOnlyRequested()) {
    await migrateAndClose({ url: config.databaseUrl, entities: claimsEntities, migrations: claimsMigrations });
    process.exit(0);
  }
  const app = await createClaimsApp(config, logger);
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await startClaimsApp(app, config.port, config.host);
} catch (error) {
  logger.fatal(error);
  process.exit(1);
}
