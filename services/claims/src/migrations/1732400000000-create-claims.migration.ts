import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The claims service's tables. Money is bigint (minor units), never float. The list indices serve
 * "the caller's claims, newest first" for each kind of owner; the partial index serves the deadline scan.
 */
export class CreateClaims1732400000000 implements MigrationInterface {
  name = 'CreateClaims1732400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE claims (
        id uuid PRIMARY KEY,
        member_id text NOT NULL,
        provider_id text NOT NULL,
        insurer_id text NULL,
        submitted_by_role text NOT NULL CHECK (submitted_by_role IN ('clinic', 'insurer')),
        submitted_by_org text NULL,
        service_date date NOT NULL,
        diagnosis_codes text[] NOT NULL DEFAULT '{}',
        estimate_id text NULL,
        records jsonb NOT NULL DEFAULT '[]'::jsonb,
        status text NOT NULL CHECK (status IN
          ('received', 'in_review', 'pending_review', 'approved', 'denied', 'paid', 'payment_failed', 'closed')),
        denial_reason text NULL,
        currency text NULL CHECK (currency ~ '^[A-Z]{3}$'),
        submitted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1
      )`);
    for (const owner of ['insurer', 'provider', 'member']) {
      await queryRunner.query(`CREATE INDEX claims_by_${owner} ON claims (${owner}_id, submitted_at DESC, id DESC)`);
    }
    await queryRunner.query(`
      CREATE TABLE claim_lines (
        claim_id uuid NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
        line_index smallint NOT NULL CHECK (line_index >= 0),
        code text NOT NULL,
        units integer NOT NULL CHECK (units > 0),
        charge bigint NOT NULL CHECK (charge >= 0),
        modifiers text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'denied')),
        reason text NULL,
        allowed bigint NOT NULL DEFAULT 0 CHECK (allowed >= 0),
        plan_pays bigint NOT NULL DEFAULT 0 CHECK (plan_pays >= 0),
        patient_pays bigint NOT NULL DEFAULT 0 CHECK (patient_pays >= 0),
        PRIMARY KEY (claim_id, line_index)
      )`);
    await queryRunner.query(`
      CREATE TABLE claim_timeline (
        seq bigserial PRIMARY KEY,
        claim_id uuid NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        status text NOT NULL,
        reason text NULL,
        actor text NOT NULL CHECK (actor IN ('system', 'analyst', 'chain'))
      )`);
    await queryRunner.query(`CREATE INDEX claim_timeline_by_claim ON claim_timeline (claim_id, seq)`);
    await queryRunner.query(`
      CREATE TABLE claim_sagas (
        claim_id uuid PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
        checks jsonb NOT NULL,
        flag_decision text NULL CHECK (flag_decision IN ('confirm', 'dismiss')),
        next_deadline_at timestamptz NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX claim_sagas_due ON claim_sagas (next_deadline_at) WHERE next_deadline_at IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE member_insurers (
        member_id text PRIMARY KEY,
        insurer_id text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['member_insurers', 'claim_sagas', 'claim_timeline', 'claim_lines', 'claims']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
