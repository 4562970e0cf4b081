import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox: a row per (consumer, message id) inserted in the handler's transaction, so a message
 * delivered twice has its effect once.
 */
export class CreateInbox1700000000001 implements MigrationInterface {
  name = 'CreateInbox1700000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE inbox (
        consumer text NOT NULL,
        message_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE inbox`);
  }
}
