import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A provider may carry its National Provider Identifier (issue 17), unique across the platform: the
 * FHIR facade finds the provider of a Claim by it, so two providers with one NPI would be ambiguous.
 * NULL for providers registered without one (a unique index allows many NULLs).
 */
export class ProviderNpi1765000000000 implements MigrationInterface {
  name = 'ProviderNpi1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE providers ADD COLUMN npi text`);
    await queryRunner.query(`CREATE UNIQUE INDEX providers_npi ON providers (npi)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX providers_npi`);
    await queryRunner.query(`ALTER TABLE providers DROP COLUMN npi`);
  }
}
