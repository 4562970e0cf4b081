import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Anchors and consents relayed for clinics and patients (API.md, On chain): what was asked, by whom, and
 * the transaction that carried it. The chain stays the authority; these rows answer reads and ownership.
 */
export class CreateRelays1764300000001 implements MigrationInterface {
  name = 'CreateRelays1764300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE records (
        record_id text PRIMARY KEY,
        provider_id text NOT NULL,
        member_id text NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        status text NOT NULL CHECK (status IN ('pending', 'anchored', 'failed')),
        tx_hash text NULL,
        block_number bigint NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE consents (
        id uuid PRIMARY KEY,
        member_id text NOT NULL,
        insurer_id text NOT NULL,
        scope text NOT NULL,
        expires_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'active', 'revoked', 'failed')),
        tx_hash text NULL,
        revoke_tx_hash text NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX consents_by_member ON consents (member_id, created_at, id)`);
    await queryRunner.query(`CREATE INDEX consents_by_insurer ON consents (insurer_id, created_at, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE consents`);
    await queryRunner.query(`DROP TABLE records`);
  }
}
