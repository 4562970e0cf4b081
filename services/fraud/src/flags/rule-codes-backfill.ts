import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PhiCipher } from '#libs/phi';
import { openRules } from '../phi/fraud-phi.js';

const BATCH = 200;

/**
 * Fills the clear rule codes of flags stored before they were kept (migration 1768000000300), from
 * their sealed rules, which only this service can open. It runs before the service answers requests,
 * so the queue's rule filter never misses an older flag. A flag whose rules do not open is named for
 * the operator and left out of the rule filter, as it is left out of every other read.
 */
@Injectable()
export class RuleCodesBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger('RuleCodesBackfill');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PhiCipher) private readonly cipher: PhiCipher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const filled = await fillRuleCodes(this.dataSource, this.cipher, (flagId, error) =>
      this.logger.error(`the rules of flag ${flagId} do not open: ${error.message}`),
    );
    if (filled > 0) this.logger.log(`filled the rule codes of ${filled} flags`);
  }
}

/** Fills every flag's missing rule codes, a batch per transaction; returns how many it filled. */
export async function fillRuleCodes(
  dataSource: DataSource,
  cipher: PhiCipher,
  onUnreadable: (flagId: string, error: Error) => void,
): Promise<number> {
  const unreadable: string[] = [];
  let total = 0;
  for (;;) {
    const { found, filled } = await dataSource.transaction(async (manager) => {
      // SKIP LOCKED: replicas starting together share the work instead of waiting on each other.
      const rows: { id: string; rules: string }[] = await manager.query(
        `SELECT id::text, rules #>> '{}' AS rules FROM flags
          WHERE rule_codes IS NULL AND NOT (id = ANY($1::uuid[]))
          LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        [unreadable],
      );
      const codes: { id: string; codes: string[] }[] = [];
      for (const row of rows) {
        try {
          const rules = await openRules(cipher, row.id, row.rules);
          codes.push({ id: row.id, codes: rules.map((rule) => rule.code) });
        } catch (error) {
          unreadable.push(row.id);
          onUnreadable(row.id, error as Error);
        }
      }
      if (codes.length > 0) {
        await manager.query(
          `UPDATE flags SET rule_codes = ARRAY(SELECT jsonb_array_elements_text(v.codes))
             FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, codes jsonb)
            WHERE flags.id = v.id`,
          [JSON.stringify(codes)],
        );
      }
      return { found: rows.length, filled: codes.length };
    });
    total += filled;
    if (found === 0) return total;
  }
}
