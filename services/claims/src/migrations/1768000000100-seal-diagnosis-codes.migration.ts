import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A claim's diagnosis codes become text holding one sealed JSON array (libs/phi). Existing codes are
 * kept as plaintext JSON, which reads as it is until the background pass seals it.
 */
export class SealDiagnosisCodes1768000000100 implements MigrationInterface {
  name = 'SealDiagnosisCodes1768000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE claims
        ALTER COLUMN diagnosis_codes DROP DEFAULT,
        ALTER COLUMN diagnosis_codes TYPE text USING to_json(diagnosis_codes)::text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Only plaintext converts back: run the down migration after decrypting, never on sealed values.
    await queryRunner.query(`
      ALTER TABLE claims
        ALTER COLUMN diagnosis_codes TYPE text[] USING ARRAY(SELECT json_array_elements_text(diagnosis_codes::json)),
        ALTER COLUMN diagnosis_codes SET DEFAULT '{}'`);
  }
}
