import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Members' birth date and date of death become text, to hold sealed values (libs/phi). Existing dates
 * are kept as `YYYY-MM-DD` plaintext, which reads as it is until the background pass seals it.
 */
export class SealMemberPhi1768000000100 implements MigrationInterface {
  name = 'SealMemberPhi1768000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE members
        ALTER COLUMN birth_date TYPE text USING to_char(birth_date, 'YYYY-MM-DD'),
        ALTER COLUMN date_of_death TYPE text USING to_char(date_of_death, 'YYYY-MM-DD')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Only plaintext converts back: run the down migration after decrypting, never on sealed values.
    await queryRunner.query(`
      ALTER TABLE members
        ALTER COLUMN birth_date TYPE date USING birth_date::date,
        ALTER COLUMN date_of_death TYPE date USING date_of_death::date`);
  }
}
