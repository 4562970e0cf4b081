import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateway's only table: each Idempotency-Key a caller used, the request it came with (as a
 * fingerprint) and, once known, the response to replay.
 */
export class CreateIdempotencyKeys1763900000000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        fingerprint char(64) NOT NULL,
        state text NOT NULL CHECK (state IN ('in_flight', 'completed')),
        response_status integer,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        locked_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (scope, key)
      )`);
    await runner.query('CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE idempotency_keys');
  }
}
