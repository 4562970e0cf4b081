import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Underwriting's tables. Money is bigint in minor units, never float (DOMAIN.md, Money); dates are
 * `date`. Plans are immutable once registered; a member's row carries the version its events publish.
 */
export class CreateUnderwriting1764100000000 implements MigrationInterface {
  name = 'CreateUnderwriting1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE insurers (
        id text PRIMARY KEY,
        name text NOT NULL,
        address text NOT NULL CHECK (address ~ '^0x[0-9a-fA-F]{40}$'),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE procedures (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9]{5}$'),
        category text NOT NULL,
        description text NOT NULL,
        typical_minutes integer NOT NULL CHECK (typical_minutes >= 0),
        mue_units_per_day integer NOT NULL CHECK (mue_units_per_day >= 0)
      )`);
    // Rows are kept with their dates (a deleted or future edit is history, not garbage): the decision
    // picks the rows in force on the service date.
    await queryRunner.query(`
      CREATE TABLE ncci_pairs (
        column1 text NOT NULL CHECK (column1 ~ '^[A-Z0-9]{5}$'),
        column2 text NOT NULL CHECK (column2 ~ '^[A-Z0-9]{5}$'),
        effective_date date NOT NULL,
        deletion_date date NULL,
        modifier_indicator smallint NOT NULL CHECK (modifier_indicator IN (0, 1, 9)),
        PRIMARY KEY (column1, column2, effective_date)
      )`);
    await queryRunner.query(`CREATE INDEX ncci_pairs_by_column2 ON ncci_pairs (column2)`);
    await queryRunner.query(`
      CREATE TABLE plans (
        id text PRIMARY KEY,
        insurer_id text NOT NULL REFERENCES insurers (id),
        name text NOT NULL,
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        deductible bigint NOT NULL CHECK (deductible >= 0),
        coinsurance_pct smallint NOT NULL CHECK (coinsurance_pct BETWEEN 0 AND 100),
        out_of_network_coinsurance_pct smallint NOT NULL CHECK (out_of_network_coinsurance_pct BETWEEN 0 AND 100),
        oop_max bigint NOT NULL CHECK (oop_max >= 0),
        annual_limit bigint NOT NULL CHECK (annual_limit >= 0),
        covered_categories text[] NOT NULL DEFAULT '{}',
        covered_codes text[] NOT NULL DEFAULT '{}',
        excluded_codes text[] NOT NULL DEFAULT '{}',
        preauth_codes text[] NOT NULL DEFAULT '{}',
        waiting_period_days integer NOT NULL CHECK (waiting_period_days >= 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX plans_by_insurer ON plans (insurer_id)`);
    // Copays in a table of their own so each amount is a bigint column, not a number inside JSON.
    await queryRunner.query(`
      CREATE TABLE plan_copays (
        plan_id text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        category text NOT NULL,
        amount bigint NOT NULL CHECK (amount >= 0),
        PRIMARY KEY (plan_id, category)
      )`);
    await queryRunner.query(`
      CREATE TABLE members (
        id text PRIMARY KEY,
        insurer_id text NOT NULL REFERENCES insurers (id),
        plan_id text NOT NULL REFERENCES plans (id),
        name text NOT NULL,
        birth_date date NOT NULL,
        coverage_start date NOT NULL,
        coverage_end date NULL CHECK (coverage_end IS NULL OR coverage_end >= coverage_start),
        address text NOT NULL CHECK (address ~ '^0x[0-9a-fA-F]{40}$'),
        date_of_death date NULL,
        status text NOT NULL CHECK (status IN ('active', 'cancelled')),
        version integer NOT NULL CHECK (version > 0),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX members_by_insurer ON members (insurer_id)`);
    await this.createCoverageTables(queryRunner);
  }

  private async createCoverageTables(queryRunner: QueryRunner): Promise<void> {
    // The decision exactly as published, so a re-ask republishes it instead of deciding again.
    await queryRunner.query(`
      CREATE TABLE coverage_decisions (
        claim_id uuid PRIMARY KEY,
        member_id text NOT NULL,
        provider_id text NOT NULL,
        service_date date NOT NULL,
        insurer_id text NULL,
        plan_id text NULL,
        decision jsonb NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Read model for the NCCI and MUE edits across claims of one member, provider and day.
    await queryRunner.query(`
      CREATE TABLE decided_lines (
        claim_id uuid NOT NULL REFERENCES coverage_decisions (claim_id) ON DELETE CASCADE,
        line_index smallint NOT NULL CHECK (line_index >= 0),
        member_id text NOT NULL,
        provider_id text NOT NULL,
        service_date date NOT NULL,
        code text NOT NULL,
        units integer NOT NULL CHECK (units > 0),
        modifiers text[] NOT NULL DEFAULT '{}',
        denied boolean NOT NULL,
        PRIMARY KEY (claim_id, line_index)
      )`);
    await queryRunner.query(
      `CREATE INDEX decided_lines_by_day ON decided_lines (member_id, provider_id, service_date)`,
    );
    // Claims the saga denied (claims.claim.decided.v1): their lines no longer count as billed. Kept
    // apart from the decisions, so a denial that arrives before its decision is not lost.
    await queryRunner.query(`
      CREATE TABLE claim_denials (
        claim_id uuid PRIMARY KEY,
        denied_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const tables = [
      'claim_denials',
      'decided_lines',
      'coverage_decisions',
      'members',
      'plan_copays',
      'plans',
      'ncci_pairs',
      'procedures',
      'insurers',
    ];
    for (const table of tables) await queryRunner.query(`DROP TABLE ${table}`);
  }
}
