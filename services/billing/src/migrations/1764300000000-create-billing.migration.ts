import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Billing's own tables (issue 4): providers, the insurer's fee schedule and network, read models of
 * underwriting's plans and members, estimates, priced claims, payouts and the double-entry payout
 * ledger. Money is bigint in minor units; token amounts are numeric (they exceed 2^63).
 */
export class CreateBilling1764300000000 implements MigrationInterface {
  name = 'CreateBilling1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of STATEMENTS) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'payout_ledger_entries',
      'payouts',
      'claim_pricings',
      'estimates',
      'network',
      'fee_schedule_entries',
      'billing_members',
      'billing_plans',
      'providers',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}

const STATEMENTS = [
  `CREATE TABLE providers (
     provider_id text PRIMARY KEY,
     name text NOT NULL,
     address text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE billing_plans (
     plan_id text PRIMARY KEY,
     insurer_id text NOT NULL,
     currency char(3) NOT NULL,
     benefits jsonb NOT NULL
   )`,
  // Newest snapshot wins (underwriting's version grows by one per change).
  `CREATE TABLE billing_members (
     member_id text PRIMARY KEY,
     insurer_id text NOT NULL,
     plan_id text NOT NULL,
     version integer NOT NULL
   )`,
  `CREATE TABLE fee_schedule_entries (
     insurer_id text NOT NULL,
     code text NOT NULL,
     amount bigint NOT NULL CHECK (amount >= 0),
     PRIMARY KEY (insurer_id, code)
   )`,
  `CREATE TABLE network (
     insurer_id text NOT NULL,
     provider_id text NOT NULL,
     status text NOT NULL CHECK (status IN ('in', 'out')),
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (insurer_id, provider_id)
   )`,
  `CREATE TABLE estimates (
     estimate_id uuid PRIMARY KEY,
     submission_key text UNIQUE,
     member_id text NOT NULL,
     provider_id text NOT NULL,
     insurer_id text NOT NULL,
     created_at timestamptz NOT NULL,
     view jsonb NOT NULL
   )`,
  `CREATE INDEX estimates_by_member ON estimates (member_id, created_at DESC, estimate_id DESC)`,
  `CREATE TABLE claim_pricings (
     claim_id uuid PRIMARY KEY,
     member_id text NOT NULL,
     insurer_id text NOT NULL,
     provider_id text NOT NULL,
     plan_year integer NOT NULL,
     plan_pays bigint NOT NULL CHECK (plan_pays >= 0),
     priced jsonb NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  // awaiting_provider: priced and owed, but the provider has no registered address yet (see README).
  `CREATE TABLE payouts (
     payout_id text PRIMARY KEY,
     claim_id uuid NOT NULL UNIQUE REFERENCES claim_pricings (claim_id),
     insurer_id text NOT NULL,
     provider_id text NOT NULL,
     payee text,
     currency char(3) NOT NULL,
     amount bigint NOT NULL CHECK (amount > 0),
     token_amount numeric(78, 0) NOT NULL,
     token text NOT NULL,
     status text NOT NULL CHECK (status IN ('awaiting_provider', 'requested', 'settled')),
     tx_hash text,
     block_number bigint,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX payouts_awaiting_provider ON payouts (provider_id) WHERE status = 'awaiting_provider'`,
  // One row per account per claim and kind: a replayed pricing or settlement cannot post twice.
  `CREATE TABLE payout_ledger_entries (
     entry_id bigserial PRIMARY KEY,
     claim_id uuid NOT NULL REFERENCES claim_pricings (claim_id),
     payout_id text NOT NULL,
     kind text NOT NULL CHECK (kind IN ('owed', 'paid')),
     account text NOT NULL,
     debit bigint NOT NULL DEFAULT 0 CHECK (debit >= 0),
     credit bigint NOT NULL DEFAULT 0 CHECK (credit >= 0),
     currency char(3) NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (claim_id, kind, account)
   )`,
];
