import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The service's data keys, each wrapped under a master key (never stored in the clear). One active key
 * per purpose: `data` seals values and is rotated; `index` keys the equality hashes and is kept.
 */
export class CreatePhiDataKeys1768000000000 implements MigrationInterface {
  name = 'CreatePhiDataKeys1768000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE phi_data_keys (
        id text PRIMARY KEY,
        purpose text NOT NULL CHECK (purpose IN ('data', 'index')),
        master_key_id text NOT NULL,
        wrapped_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz NULL
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX phi_data_keys_one_active ON phi_data_keys (purpose) WHERE retired_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE phi_data_keys`);
  }
}

export const phiMigrations = [CreatePhiDataKeys1768000000000];
