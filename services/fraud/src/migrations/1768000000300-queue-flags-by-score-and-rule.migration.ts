import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The analyst queue sorted by score and filtered by rule (API.md, Fraud review). A flag's rule hits are
 * sealed (fraud-phi.ts), so their codes are kept beside them in the clear: a code names which rule hit,
 * never the evidence (the explanations quote dates and claims and stay sealed). Flags stored before
 * this keep a null `rule_codes` until the fraud service fills it from the opened rules at start
 * (rule-codes-backfill.ts); plaintext rules from before sealing are filled here.
 */
export class QueueFlagsByScoreAndRule1768000000300 implements MigrationInterface {
  name = 'QueueFlagsByScoreAndRule1768000000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE flags ADD COLUMN rule_codes text[] NULL`);
    await queryRunner.query(`
      UPDATE flags SET rule_codes = ARRAY(SELECT hit ->> 'code' FROM jsonb_array_elements(rules) AS hit)
       WHERE jsonb_typeof(rules) = 'array'`);
    // Highest score first, then newest, then id: the keyset of `sort=score`, read from the index in order.
    await queryRunner.query(
      `CREATE INDEX flags_queue_by_score ON flags (insurer_id, score DESC, created_at DESC, id DESC)`,
    );
    await queryRunner.query(`CREATE INDEX flags_by_rule ON flags USING gin (rule_codes)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX flags_by_rule`);
    await queryRunner.query(`DROP INDEX flags_queue_by_score`);
    await queryRunner.query(`ALTER TABLE flags DROP COLUMN rule_codes`);
  }
}
