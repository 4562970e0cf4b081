import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The kept responses hold personal data (names, birth dates, diagnoses) and are sealed with libs/phi,
 * each bound to its row: `row_key` is the row's scope and key in one text (a key has no newline), the
 * one column the background re-encryption needs to find the row again.
 */
export class SealIdempotencyResponses1768100000000 implements MigrationInterface {
  name = 'SealIdempotencyResponses1768100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE idempotency_keys ADD COLUMN row_key text GENERATED ALWAYS AS (scope || E'\\n' || key) STORED`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE idempotency_keys DROP COLUMN row_key');
  }
}
