import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createDataSource, dropDatabase, openAndMigrate } from '#libs/persistence';
import { testDatabaseUrl, testNamespace } from '#libs/testing';

/**
 * A migration that is not idempotent and slow enough for two starts to overlap: run twice, or twice at
 * once, it fails (the table exists) or counts two runs.
 */
class CreateRuns1700000000000 implements MigrationInterface {
  name = 'CreateRuns1700000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE migration_runs (ran_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
    await queryRunner.query(`SELECT pg_sleep(0.5)`);
    await queryRunner.query(`INSERT INTO migration_runs DEFAULT VALUES`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE migration_runs`);
  }
}

describe('schema migrations when two instances start at once', () => {
  const url = testDatabaseUrl('persistence', testNamespace('migr'));
  afterAll(async () => {
    await dropDatabase(url);
  });

  it('runs each migration once on a fresh database: the second instance waits, then finds nothing to do', async () => {
    const instances = [1, 2].map(() => createDataSource({ url, entities: [], migrations: [CreateRuns1700000000000] }));
    const opened = await Promise.allSettled(instances.map((instance) => openAndMigrate(instance)));
    try {
      expect(opened.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
      const [db] = instances;
      const runs = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM migration_runs`);
      expect(runs[0].n).toBe(1);
      const applied = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM migrations`);
      expect(applied[0].n).toBe(1);
    } finally {
      await Promise.all(instances.filter((db) => db.isInitialized).map((db) => db.destroy()));
    }
  });
});
