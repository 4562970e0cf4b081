import { ConfigError } from '#libs/config';
import { NestPinoLogger } from '#libs/observability';
import { migrateAndClose, migrateOnlyRequested } from '#libs/persistence';
import { readGatewayConfig } from './config/gateway-config.js';
import { createGatewayApp } from './gateway-app.js';
import { gatewayMigrations } from './idempotency/migrations/index.js';

/** Tracing is preloaded (`node --import dist/libs/observability/src/preload.js`) before this runs. */
async function main(): Promise<void> {
  const config = readGatewayConfig();
  if (migrateOnlyRequested()) {
    await migrateAndClose({ url: config.databaseUrl, entities: [], migrations: gatewayMigrations });
    process.exit(0);
  }
  const logger = new NestPinoLogger('gateway');
  if (config.auth.kind === 'shared-secret' && config.auth.isDevelopmentDefault) {
    logger.warn('verifying tokens with the public development secret: set AUTH_JWKS_URL in production', 'Auth');
  }
  const app = await createGatewayApp(config, { logger });
  await app.listen({ port: config.port, host: config.host });
  logger.log(
    `gateway listening on http://${config.host}:${config.port} (web app at /app, OpenAPI at /openapi.json, docs at /docs)`,
    'Main',
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
