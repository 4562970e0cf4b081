import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The members read model's date of death becomes text, to hold a sealed value (libs/phi). Existing
 * dates are kept as `YYYY-MM-DD` plaintext, which reads as it is until the background pass seals it;
 * flags' rules (jsonb) and notes (text) take sealed values as they are.
 */
export class SealMemberDatesOfDeath1768000000100 implements MigrationInterface {
  name = 'SealMemberDatesOfDeath1768000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE members ALTER COLUMN date_of_death TYPE text USING to_char(date_of_death, 'YYYY-MM-DD')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Only plaintext converts back: run the down migration after decrypting, never on sealed values.
    await queryRunner.query(`ALTER TABLE members ALTER COLUMN date_of_death TYPE date USING date_of_death::date`);
  }
}
