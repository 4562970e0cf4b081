import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The patient's share of each priced line split as billing priced it (deductible, copay, coinsurance), so
 * a patient can see why they owe what they owe (issue 15). NULL until the line is priced, and on lines
 * priced before this migration, whose split was not kept: the API then leaves the split out.
 */
export class AddLineCostSharing1768000000200 implements MigrationInterface {
  name = 'AddLineCostSharing1768000000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE claim_lines
        ADD COLUMN deductible bigint,
        ADD COLUMN copay bigint,
        ADD COLUMN coinsurance bigint`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE claim_lines DROP COLUMN coinsurance, DROP COLUMN copay, DROP COLUMN deductible`,
    );
  }
}
