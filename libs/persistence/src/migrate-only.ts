import { createDataSource, openAndMigrate, type DataSourceOptions } from './data-source.js';

/** `npm run migrate` starts each service with MIGRATE_ONLY=1: migrate, then exit instead of serving. */
export function migrateOnlyRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.MIGRATE_ONLY === '1';
}

/** Creates the database if missing, applies pending migrations and closes the connection. */
export async function migrateAndClose(options: DataSourceOptions): Promise<void> {
  const dataSource = await openAndMigrate(createDataSource(options));
  await dataSource.destroy();
}
