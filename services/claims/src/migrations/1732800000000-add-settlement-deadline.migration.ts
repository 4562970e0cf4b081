import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * After the decision the saga keeps a deadline too: an approved claim that billing has not priced, or
 * whose payout has not been confirmed, is re-asked when it passes (`claims.settlement.requested.v1`).
 * Claims approved before this migration and still waiting are due at once, so none stays stranded.
 */
export class AddSettlementDeadline1732800000000 implements MigrationInterface {
  name = 'AddSettlementDeadline1732800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE claim_sagas
        ADD COLUMN settlement_attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN settlement_deadline_at timestamptz`);
    await queryRunner.query(
      `CREATE INDEX claim_sagas_settlement_due ON claim_sagas (settlement_deadline_at)
       WHERE settlement_deadline_at IS NOT NULL`,
    );
    await queryRunner.query(`
      UPDATE claim_sagas s SET settlement_attempts = 1, settlement_deadline_at = now()
      FROM claims c WHERE c.id = s.claim_id AND (c.status IN ('approved', 'payment_failed') OR (c.status = 'paid' AND c.priced_at IS NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX claim_sagas_settlement_due`);
    await queryRunner.query(
      `ALTER TABLE claim_sagas DROP COLUMN settlement_deadline_at, DROP COLUMN settlement_attempts`,
    );
  }
}
