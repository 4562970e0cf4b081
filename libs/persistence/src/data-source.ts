import pg from 'pg';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { RunAfterCommit } from './after-commit.js';
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
    subscribers: [RunAfterCommit],
    synchronize: false,
    migrationsRun: false,
    logging: false,
    // An exhausted pool (or a server that accepts but never answers) fails after this long instead of
    // waiting for ever, as an unavailable database (`databaseFailureKind`): consumers pause, callers get 503.
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000 },
  });
}

/**
 * Initializes the DataSource, creating its database if missing, and applies pending migrations. Two
 * instances of a service starting at once (an init container and a scale-out, two pods) migrate one
 * after the other: the second waits for the migration lock, then finds nothing pending.
 */
export async function openAndMigrate(dataSource: DataSource): Promise<DataSource> {
  const url = urlOf(dataSource);
  await ensureDatabase(url);
  if (!dataSource.isInitialized) await dataSource.initialize();
  await withMigrationLock(url, () => dataSource.runMigrations({ transaction: 'each' }));
  return dataSource;
}

/**
 * Advisory locks belong to one database, so this key serialises the migrations of each database alone.
 * Held on a connection of its own, outside the pool (a pool of one could otherwise wait on itself); a
 * migrating process that dies ends its session, and the lock with it.
 */
const MIGRATION_LOCK_KEY = 0x48434d494752n; // "HCMIGR"

async function withMigrationLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'migration-lock' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY.toString()]);
    return await work();
  } finally {
    // Ending the session releases the lock, also when the unlock itself could not be sent.
    await client.end().catch(() => undefined);
  }
}

function urlOf(dataSource: DataSource): string {
  const url = (dataSource.options as { url?: string }).url;
  if (!url) throw new Error('DataSource has no url');
  return url;
}
