import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The chain indexer's tables: the blocks it indexed with their hashes (to notice a reorganisation), and the
 * platform contracts' events in them. Deleting a block deletes its events, which is how a fork is undone.
 */
export class CreateChainIndex1764300000002 implements MigrationInterface {
  name = 'CreateChainIndex1764300000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE indexed_blocks (
        number bigint PRIMARY KEY,
        hash text NOT NULL,
        indexed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE chain_events (
        block_number bigint NOT NULL REFERENCES indexed_blocks (number) ON DELETE CASCADE,
        log_index integer NOT NULL,
        tx_hash text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('anchored', 'granted', 'revoked', 'deposited', 'settled', 'skipped')),
        key text NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (block_number, log_index)
      )`);
    await queryRunner.query(`CREATE INDEX chain_events_by_key ON chain_events (kind, key)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE chain_events`);
    await queryRunner.query(`DROP TABLE indexed_blocks`);
  }
}
