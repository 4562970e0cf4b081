import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fraud's tables: read models built from other services' events, the screenings and flags it
 * decides, exclusions and the analysts' audit trail. Money is bigint in minor units (DOMAIN.md, Money).
 */
export class CreateFraud1764300000000 implements MigrationInterface {
  name = 'CreateFraud1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.createReadModels(queryRunner);
    // The screening exactly as published, so a re-ask or a redelivery answers it again, never anew.
    await queryRunner.query(`
      CREATE TABLE screenings (
        claim_id uuid PRIMARY KEY,
        score smallint NOT NULL CHECK (score BETWEEN 0 AND 100),
        held boolean NOT NULL,
        flag_id uuid NULL,
        screened_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE flags (
        id uuid PRIMARY KEY,
        claim_id uuid NOT NULL UNIQUE REFERENCES screenings (claim_id),
        insurer_id text NULL,
        score smallint NOT NULL CHECK (score BETWEEN 0 AND 100),
        held boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'assigned', 'confirmed', 'dismissed')),
        assignee text NULL,
        rules jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz NULL
      )`);
    await queryRunner.query(`CREATE INDEX flags_queue ON flags (insurer_id, created_at DESC, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE flag_actions (
        id bigserial PRIMARY KEY,
        flag_id uuid NOT NULL REFERENCES flags (id),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor text NOT NULL,
        action text NOT NULL CHECK (action IN ('flagged', 'assigned', 'noted', 'confirmed', 'dismissed')),
        note text NULL
      )`);
    await queryRunner.query(`CREATE INDEX flag_actions_by_flag ON flag_actions (flag_id, id)`);
    // insurer_id null: an admin excluded the provider for every insurer; otherwise one insurer's claims.
    await queryRunner.query(`
      CREATE TABLE exclusions (
        id uuid PRIMARY KEY,
        provider_id text NOT NULL,
        insurer_id text NULL,
        from_date date NOT NULL,
        to_date date NULL CHECK (to_date IS NULL OR to_date >= from_date),
        reason text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX exclusions_by_provider ON exclusions (provider_id)`);
  }

  private async createReadModels(queryRunner: QueryRunner): Promise<void> {
    // Every screened claim with its lines: duplicates, the provider's day, charge history, spikes.
    await queryRunner.query(`
      CREATE TABLE screened_claims (
        claim_id uuid PRIMARY KEY,
        member_id text NOT NULL,
        provider_id text NOT NULL,
        insurer_id text NULL,
        service_date date NOT NULL,
        submitted_at timestamptz NOT NULL,
        estimate_id text NULL,
        total_charge bigint NOT NULL CHECK (total_charge >= 0)
      )`);
    await queryRunner.query(`CREATE INDEX screened_claims_by_day ON screened_claims (provider_id, service_date)`);
    await queryRunner.query(`CREATE INDEX screened_claims_by_time ON screened_claims (provider_id, submitted_at)`);
    await queryRunner.query(`
      CREATE TABLE screened_lines (
        claim_id uuid NOT NULL REFERENCES screened_claims (claim_id),
        line_index smallint NOT NULL CHECK (line_index >= 0),
        code text NOT NULL,
        units integer NOT NULL CHECK (units > 0),
        charge bigint NOT NULL CHECK (charge >= 0),
        submitted_at timestamptz NOT NULL,
        PRIMARY KEY (claim_id, line_index)
      )`);
    await queryRunner.query(`CREATE INDEX screened_lines_by_code ON screened_lines (code, submitted_at)`);
    // Kept apart from the claims, so a denial that arrives before the submission is not lost.
    await queryRunner.query(`CREATE TABLE claim_denials (claim_id uuid PRIMARY KEY)`);
    await queryRunner.query(`
      CREATE TABLE members (
        member_id text PRIMARY KEY,
        insurer_id text NOT NULL,
        date_of_death date NULL,
        version integer NOT NULL CHECK (version > 0)
      )`);
    await queryRunner.query(`
      CREATE TABLE estimates (
        estimate_id text PRIMARY KEY,
        member_id text NOT NULL,
        provider_id text NOT NULL,
        total_charge bigint NOT NULL CHECK (total_charge >= 0)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const tables = [
      'exclusions',
      'flag_actions',
      'flags',
      'screenings',
      'estimates',
      'members',
      'claim_denials',
      'screened_lines',
      'screened_claims',
    ];
    for (const table of tables) await queryRunner.query(`DROP TABLE ${table}`);
  }
}
