import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One claim per submission key (from the caller's Idempotency-Key): a retry after a reply was lost
 * finds the claim stored the first time instead of storing a second one.
 */
export class AddSubmissionKey1732500000000 implements MigrationInterface {
  name = 'AddSubmissionKey1732500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE claims ADD COLUMN submission_key text NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX claims_submission_key ON claims (submission_key)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX claims_submission_key`);
    await queryRunner.query(`ALTER TABLE claims DROP COLUMN submission_key`);
  }
}
