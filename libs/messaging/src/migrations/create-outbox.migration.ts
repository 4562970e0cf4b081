import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The channel the outbox trigger notifies, so a relay wakes as soon as an event commits. */
export const OUTBOX_CHANNEL = 'outbox_inserted';

/**
 * The transactional outbox: one row per event, written in the business transaction and published
 * later by the relay. `seq` gives the publish order; the partial index keeps the relay's scan small
 * however many published rows accumulate.
 */
export class CreateOutbox1700000000000 implements MigrationInterface {
  name = 'CreateOutbox1700000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        seq bigserial NOT NULL UNIQUE,
        subject text NOT NULL,
        envelope jsonb NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz NULL,
        attempts integer NOT NULL DEFAULT 0
      )`);
    await queryRunner.query(`CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL`);
    // Statement-level: one notification per inserting statement; PostgreSQL also folds identical
    // notifications of one transaction into one, so a burst of events wakes the relay once.
    await queryRunner.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${OUTBOX_CHANNEL}', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
      FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE outbox`);
    await queryRunner.query(`DROP FUNCTION outbox_notify()`);
  }
}
