import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The member-insurer read model keeps the version of the underwriting snapshot it holds, so a
 * snapshot that arrives late (out of order) never overwrites a newer one. 0 = no snapshot yet.
 */
export class AddMemberInsurerVersion1732600000000 implements MigrationInterface {
  name = 'AddMemberInsurerVersion1732600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE member_insurers ADD COLUMN version integer NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE member_insurers DROP COLUMN version`);
  }
}
