import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pre-authorisations from billing's estimates (`billing.estimate.created.v1`), so a claim citing an
 * estimate passes DOMAIN.md coverage reason 5 for the codes that estimate approved.
 */
export class CreateEstimatePreauthorizations1764300000100 implements MigrationInterface {
  name = 'CreateEstimatePreauthorizations1764300000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE estimate_preauthorizations (
        estimate_id text PRIMARY KEY,
        member_id text NOT NULL,
        provider_id text NOT NULL,
        approved_codes text[] NOT NULL,
        valid_from date NOT NULL,
        valid_until date NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE estimate_preauthorizations`);
  }
}
