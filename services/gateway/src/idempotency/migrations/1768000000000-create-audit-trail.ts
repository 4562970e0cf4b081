import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail (docs/decisions/0010-audit-trail.md): `audit_events`, append-only and hash-chained in
 * PostgreSQL itself. A BEFORE INSERT trigger locks the one-row `audit_head`, numbers the row (gap-free: a
 * rolled-back insert rolls the head back too), stamps it, and hashes its canonical text together with the
 * previous hash. `audit_canonical` must stay identical to `canonicalAuditText` in libs/contracts/src/audit-chain.ts.
 */
export class CreateAuditTrail1768000000000 implements MigrationInterface {
  name = 'CreateAuditTrail1768000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE audit_events (
        seq bigint PRIMARY KEY,
        at timestamptz NOT NULL,
        subject text NOT NULL,
        role text NOT NULL,
        org text,
        action text NOT NULL CHECK (action IN ('read', 'write')),
        resource text NOT NULL,
        resource_ids text[] NOT NULL,
        member_ids text[] NOT NULL,
        route text NOT NULL,
        status integer NOT NULL,
        request_id text NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL
      )`);
    await runner.query('CREATE INDEX audit_events_member_ids ON audit_events USING gin (member_ids)');
    await runner.query(`
      CREATE TABLE audit_head (
        id smallint PRIMARY KEY CHECK (id = 1),
        seq bigint NOT NULL,
        hash text NOT NULL
      )`);
    await runner.query(`INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64))`);
    await runner.query(`
      CREATE TABLE audit_anchors (
        seq bigint PRIMARY KEY,
        head text NOT NULL,
        tx_hash text NOT NULL,
        block_number bigint,
        anchored_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(CANONICAL_FUNCTIONS);
    await runner.query(CHAIN_TRIGGER);
    await runner.query(APPEND_ONLY_TRIGGERS);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE audit_anchors');
    await runner.query('DROP TABLE audit_events');
    await runner.query('DROP TABLE audit_head');
    await runner.query(
      'DROP FUNCTION audit_events_chain(), audit_refuse_change(), audit_head_guard(), ' +
        'audit_canonical(bigint, timestamptz, text, text, text, text, text, text[], text[], text, integer, text, text), ' +
        'audit_list(text[]), audit_field(text)',
    );
  }
}

/**
 * Every field is written as `<UTF-8 byte length>:<text>` (or `-` for null) and a list as
 * `<count>[<field>,<field>]`, so no value can be mistaken for a separator whatever characters it holds.
 */
const CANONICAL_FUNCTIONS = `
  CREATE FUNCTION audit_field(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value IS NULL THEN '-' ELSE octet_length(convert_to(value, 'UTF8'))::text || ':' || value END
  $$;
  CREATE FUNCTION audit_list(items text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN items IS NULL THEN '-' ELSE
      coalesce(cardinality(items), 0)::text || '[' ||
      coalesce((SELECT string_agg(audit_field(item), ',' ORDER BY n) FROM unnest(items) WITH ORDINALITY AS t(item, n)), '')
      || ']' END
  $$;
  CREATE FUNCTION audit_canonical(
    seq bigint, at timestamptz, subject text, role text, org text, action text, resource text,
    resource_ids text[], member_ids text[], route text, status integer, request_id text, prev_hash text
  ) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT concat_ws('|', 'audit-v1', audit_field(seq::text),
      audit_field(((extract(epoch FROM at) * 1000000)::bigint)::text),
      audit_field(subject), audit_field(role), audit_field(org), audit_field(action), audit_field(resource),
      audit_list(resource_ids), audit_list(member_ids), audit_field(route), audit_field(status::text),
      audit_field(request_id), audit_field(prev_hash))
  $$;`;

const CHAIN_TRIGGER = `
  CREATE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    head audit_head%ROWTYPE;
  BEGIN
    SELECT * INTO head FROM audit_head WHERE id = 1 FOR UPDATE;
    NEW.seq := head.seq + 1;
    NEW.prev_hash := head.hash;
    -- Stamped after the lock, so times never run backwards along the chain; microseconds kept exactly.
    NEW.at := clock_timestamp();
    NEW.hash := encode(sha256(convert_to(audit_canonical(NEW.seq, NEW.at, NEW.subject, NEW.role, NEW.org,
      NEW.action, NEW.resource, NEW.resource_ids, NEW.member_ids, NEW.route, NEW.status, NEW.request_id,
      NEW.prev_hash), 'UTF8')), 'hex');
    UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
    RETURN NEW;
  END $$;
  CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_chain();`;

const APPEND_ONLY_TRIGGERS = `
  CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END $$;
  CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
  CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
  -- The head moves only from the chain trigger (trigger depth 2), never by a direct statement.
  CREATE FUNCTION audit_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF pg_trigger_depth() < 2 THEN
      RAISE EXCEPTION 'audit_head moves only with an insert into audit_events: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER audit_head_guard BEFORE UPDATE OR DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_head_guard();
  CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();`;
