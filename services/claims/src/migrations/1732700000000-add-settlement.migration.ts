import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * After the decision: when billing priced the claim (once; a redelivered pricing changes nothing) and
 * the payout as the ledger bridge reports it. The amount is in token base units, beyond 2^53, hence
 * numeric.
 */
export class AddSettlement1732700000000 implements MigrationInterface {
  name = 'AddSettlement1732700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE claims ADD COLUMN priced_at timestamptz`);
    await queryRunner.query(`
      CREATE TABLE claim_payouts (
        claim_id uuid PRIMARY KEY REFERENCES claims (id),
        payout_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'submitted', 'confirmed', 'failed')),
        amount numeric(78, 0) CHECK (amount >= 0),
        token text,
        tx_hash text,
        block_number bigint,
        failure_reason text,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE claim_payouts`);
    await queryRunner.query(`ALTER TABLE claims DROP COLUMN priced_at`);
  }
}
