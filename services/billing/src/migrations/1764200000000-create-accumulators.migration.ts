import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A member's accumulators per plan year (DOMAIN.md, Plan): money is bigint in minor units, never
 * float. `version` lets pricing (issue 4) update a row under optimistic checks as well as locks.
 */
export class CreateAccumulators1764200000000 implements MigrationInterface {
  name = 'CreateAccumulators1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE accumulators (
        member_id text NOT NULL,
        plan_year integer NOT NULL CHECK (plan_year BETWEEN 1900 AND 9999),
        deductible_met bigint NOT NULL DEFAULT 0 CHECK (deductible_met >= 0),
        oop_met bigint NOT NULL DEFAULT 0 CHECK (oop_met >= 0),
        plan_paid bigint NOT NULL DEFAULT 0 CHECK (plan_paid >= 0),
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (member_id, plan_year)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE accumulators`);
  }
}
