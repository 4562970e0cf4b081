import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { ensureDatabase } from './databases.js';

// TypeORM's `Function` types for entity and migration classes are what its API takes.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityList = MixedList<Function | string | EntitySchema>;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type MigrationList = MixedList<Function | string>;

export interface DataSourceOptions {
  url: string;
  entities: EntityList;
  migrations: MigrationList;
  /** Connection pool size; the default suits a service on a 2-core machine. */
  poolSize?: number;
}

/**
 * One DataSource per service, on its own database. Schema changes only through migrations:
 * `synchronize` stays off everywhere, including tests.
 */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    // An exhausted pool (or a server that accepts but never answers) fails after this long instead of
    // waiting for ever, as an unavailable database (`databaseFailureKind`): consumers pause, callers get 503.
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000 },
  });
}

/** Initializes the DataSource, creating its database if missing, and applies pending migrations. */
export async function openAndMigrate(dataSource: DataSource): Promise<DataSource> {
  await ensureDatabase(urlOf(dataSource));
  if (!dataSource.isInitialized) await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

function urlOf(dataSource: DataSource): string {
  const url = (dataSource.options as { url?: string }).url;
  if (!url) throw new Error('DataSource has no url');
  return url;
}
