import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Gauge, register } from 'prom-client';
import { DataSource } from 'typeorm';

const NAME = 'claims_past_deadline';

/**
 * The alert metric of the saga's deadlines: claims whose first deadline passed unanswered and that still
 * wait, per deadline (`coverage`, `fraud`, `ledger` under review; `pricing`, `payout` after approval).
 * The scanner re-asks them, so a value that stays above zero means a service is not answering.
 * Counted from the database when /metrics is scraped, so every instance reports the same truth.
 */
@Injectable()
export class OverdueClaimsGauge implements OnModuleInit {
  private readonly logger = new Logger('OverdueClaimsGauge');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    // One gauge per registry: an app started later in the same process (tests) replaces an earlier one's.
    if (register.getSingleMetric(NAME)) register.removeSingleMetric(NAME);
    const count = () => this.countOverdue();
    new Gauge({
      name: NAME,
      help: 'Claims past a deadline (re-asked at least once) and still waiting, by deadline',
      labelNames: ['deadline'],
      async collect() {
        const counts = await count();
        if (!counts) return;
        for (const [deadline, value] of counts) this.set({ deadline }, value);
      },
    });
  }

  private async countOverdue(): Promise<Map<string, number> | null> {
    const counts = new Map<string, number>(
      ['coverage', 'fraud', 'ledger', 'pricing', 'payout'].map((deadline) => [deadline, 0]),
    );
    try {
      const rows: { deadline: string; claims: number }[] = await this.dataSource.query(
        `SELECT c.key AS deadline, count(*)::int AS claims
         FROM claim_sagas s, jsonb_each(s.checks) AS c(key, value)
         WHERE s.next_deadline_at IS NOT NULL
           AND c.value ->> 'progress' = 'pending' AND (c.value ->> 'attempts')::int > 1
         GROUP BY c.key
         UNION ALL
         SELECT CASE WHEN cl.priced_at IS NULL THEN 'pricing' ELSE 'payout' END, count(*)::int
         FROM claim_sagas s JOIN claims cl ON cl.id = s.claim_id
         WHERE s.settlement_deadline_at IS NOT NULL AND s.settlement_attempts > 1
           AND (cl.status IN ('approved', 'payment_failed') OR (cl.status = 'paid' AND cl.priced_at IS NULL))
         GROUP BY 1`,
      );
      for (const row of rows) counts.set(row.deadline, row.claims);
      return counts;
    } catch (error) {
      // The database is down: the scrape still answers, with the last counts, and readiness says the rest.
      this.logger.warn(`could not count overdue claims: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }
}
