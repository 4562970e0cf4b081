import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who holds an in-flight key: a random id per reservation, so a completion or a release that arrives
 * late (after the database came back) touches only its own reservation, never one that another
 * request took over since. Rows from before have none; they complete or go stale as they did.
 */
export class AddIdempotencyHolder1765000000000 implements MigrationInterface {
  name = 'AddIdempotencyHolder1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE idempotency_keys ADD COLUMN holder uuid');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE idempotency_keys DROP COLUMN holder');
  }
}
