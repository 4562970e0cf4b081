import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The chain leader's fencing epoch (docs/decisions/0013-one-signer-at-a-time.md): raised by each instance
 * that takes the leader's advisory lock, and checked in the transaction that reserves a nonce, so a leader
 * that lost its lock (a long pause, a partition) cannot reserve one after another took over.
 */
export class CreateChainLeadership1764300000003 implements MigrationInterface {
  name = 'CreateChainLeadership1764300000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE chain_leadership (
        role text PRIMARY KEY,
        epoch bigint NOT NULL,
        holder text NOT NULL,
        acquired_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE chain_leadership`);
  }
}
