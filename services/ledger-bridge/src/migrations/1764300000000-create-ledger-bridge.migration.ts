import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger bridge's tables. Token amounts are numeric(78,0) (a uint256 exceeds bigint); addresses are
 * stored as checksummed text. Payout batches keep their signed raw transactions so a restart can
 * rebroadcast exactly what was signed instead of signing something new under another nonce.
 */
export class CreateLedgerBridge1764300000000 implements MigrationInterface {
  name = 'CreateLedgerBridge1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE deployments (
        chain_id bigint NOT NULL,
        name text NOT NULL,
        address text NOT NULL CHECK (address ~ '^0x[0-9a-fA-F]{40}$'),
        block_number bigint NOT NULL,
        deployed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (chain_id, name)
      )`);
    // Read models of the parties' addresses, from underwriting's and billing's events.
    await queryRunner.query(`CREATE TABLE insurers (id text PRIMARY KEY, address text NOT NULL)`);
    await queryRunner.query(`CREATE TABLE providers (id text PRIMARY KEY, address text NOT NULL)`);
    await queryRunner.query(`
      CREATE TABLE members (
        id text PRIMARY KEY,
        insurer_id text NOT NULL,
        address text NOT NULL,
        version integer NOT NULL
      )`);
    // The verdict exactly as published, so a re-ask republishes it instead of deciding again.
    await queryRunner.query(`
      CREATE TABLE verifications (
        claim_id uuid PRIMARY KEY,
        verified boolean NOT NULL,
        reason text NULL,
        checked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await this.createPayoutTables(queryRunner);
  }

  private async createPayoutTables(queryRunner: QueryRunner): Promise<void> {
    // Nonces are ours, not ethers' in-memory NonceManager's: they survive a restart (ARCHITECTURE.md, Chain).
    await queryRunner.query(`CREATE TABLE signer_nonces (address text PRIMARY KEY, next_nonce bigint NOT NULL)`);
    await queryRunner.query(`
      CREATE TABLE settlement_batches (
        id bigserial PRIMARY KEY,
        insurer_id text NOT NULL,
        signer text NOT NULL,
        nonce bigint NOT NULL,
        status text NOT NULL CHECK (status IN ('signed', 'broadcast', 'mined', 'confirmed', 'dropped', 'reverted')),
        tx_hash text NULL,
        block_number bigint NULL,
        block_hash text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (signer, nonce)
      )`);
    // Every signed version of a batch's transaction (the first and each fee-bumped replacement).
    await queryRunner.query(`
      CREATE TABLE settlement_attempts (
        tx_hash text PRIMARY KEY,
        batch_id bigint NOT NULL REFERENCES settlement_batches (id),
        raw_tx text NOT NULL,
        max_fee_per_gas numeric(78, 0) NOT NULL,
        max_priority_fee_per_gas numeric(78, 0) NOT NULL,
        signed_at timestamptz NOT NULL DEFAULT now(),
        broadcast_at timestamptz NULL
      )`);
    await queryRunner.query(`CREATE INDEX settlement_attempts_by_batch ON settlement_attempts (batch_id, signed_at)`);
    await queryRunner.query(`
      CREATE TABLE payouts (
        payout_id text PRIMARY KEY,
        claim_id uuid NOT NULL UNIQUE,
        insurer_id text NOT NULL,
        provider_id text NOT NULL,
        payee text NOT NULL,
        token_amount numeric(78, 0) NOT NULL CHECK (token_amount > 0),
        status text NOT NULL CHECK (status IN ('pending', 'awaiting_funds', 'batched', 'settled')),
        batch_id bigint NULL REFERENCES settlement_batches (id),
        tx_hash text NULL,
        block_number bigint NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX payouts_waiting ON payouts (insurer_id, requested_at) WHERE status IN ('pending', 'awaiting_funds')`,
    );
    await queryRunner.query(`CREATE INDEX payouts_by_batch ON payouts (batch_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const tables = [
      'payouts',
      'settlement_attempts',
      'settlement_batches',
      'signer_nonces',
      'verifications',
      'members',
      'providers',
      'insurers',
      'deployments',
    ];
    for (const table of tables) await queryRunner.query(`DROP TABLE ${table}`);
  }
}
