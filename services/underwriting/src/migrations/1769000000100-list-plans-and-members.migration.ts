import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Serves the insurer's lists of plans and members, newest first (API.md, Lists). The service reads a row's
 * time as a JavaScript Date (milliseconds) and pages from it; a plan's `created_at` defaulted to now() in
 * microseconds, so two plans within one millisecond could be skipped between pages. Plans are kept to the
 * millisecond from now on, as members are (their times come from the service); the view never showed more
 * (toISOString), so truncating the stored times changes nothing anyone saw.
 */
export class ListPlansAndMembers1769000000100 implements MigrationInterface {
  name = 'ListPlansAndMembers1769000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE plans ALTER COLUMN created_at SET DEFAULT date_trunc('milliseconds', now())`);
    await queryRunner.query(`UPDATE plans SET created_at = date_trunc('milliseconds', created_at)`);
    await queryRunner.query(`CREATE INDEX plans_by_insurer_newest ON plans (insurer_id, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX members_by_insurer_newest ON members (insurer_id, created_at DESC, id DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX members_by_insurer_newest`);
    await queryRunner.query(`DROP INDEX plans_by_insurer_newest`);
    await queryRunner.query(`ALTER TABLE plans ALTER COLUMN created_at SET DEFAULT now()`);
  }
}
