import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Request counts per rate-limit key and fixed window, shared by every gateway replica. UNLOGGED:
 * the counts live a minute or so, and losing them in a crash only resets the limits.
 */
export class CreateRateLimitHits1767000000000 implements MigrationInterface {
  name = 'CreateRateLimitHits1767000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE UNLOGGED TABLE rate_limit_hits (
        key text NOT NULL,
        window_no bigint NOT NULL,
        hits integer NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (key, window_no)
      )`);
    await runner.query('CREATE INDEX rate_limit_hits_expires_at ON rate_limit_hits (expires_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE rate_limit_hits');
  }
}
