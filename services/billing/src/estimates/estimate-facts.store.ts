import type { EntityManager } from 'typeorm';
import type { Benefits, EstimateView, NetworkStatus } from '#libs/contracts';
import type { Accumulators } from '../pricing/price-lines.js';
import { DEFAULT_NETWORK_STATUS } from '../claim-pricing/pricing-facts.store.js';

/** Everything an estimate is priced from, read in one statement. */
export interface EstimateFacts {
  /** The estimate already stored under the submission key, if one was given and is known. */
  stored: EstimateView | null;
  providerKnown: boolean;
  /** The plan's benefits; null while billing has not seen the plan's event yet. */
  benefits: Benefits | null;
  network: NetworkStatus;
  fees: Map<string, number>;
  /** The member's accumulators for the plan year now (zeros when none are recorded). */
  accumulators: Accumulators;
}

export interface EstimateFactsQuery {
  submissionKey: string | null;
  providerId: string;
  planId: string;
  insurerId: string;
  memberId: string;
  planYear: number;
  codes: readonly string[];
}

interface FactsRow {
  stored: EstimateView | null;
  provider_known: boolean;
  benefits: Benefits | null;
  network: NetworkStatus | null;
  fees: { code: string; amount: string }[];
  accumulators: { deductible_met: string; oop_met: string; plan_paid: string } | null;
}

/**
 * The reads of `estimateBySubmissionKey`, `findProvider`, `findPlan`, `networkStatusOf`, `feesFor`
 * and `readAccumulators` (same tables and filters) in one round trip instead of six: an estimate is
 * a hot path, and each round trip costs a query span, a socket write and a read. Nothing is locked:
 * an estimate prices on the accumulators as they are and reserves nothing.
 */
export async function loadEstimateFacts(manager: EntityManager, query: EstimateFactsQuery): Promise<EstimateFacts> {
  const rows: FactsRow[] = await manager.query(
    `SELECT
       (SELECT view FROM estimates WHERE $1::text IS NOT NULL AND submission_key = $1) AS stored,
       EXISTS (SELECT 1 FROM providers WHERE provider_id = $2) AS provider_known,
       (SELECT benefits FROM billing_plans WHERE plan_id = $3) AS benefits,
       (SELECT status FROM network WHERE insurer_id = $4 AND provider_id = $2) AS network,
       (SELECT COALESCE(json_agg(json_build_object('code', code, 'amount', amount::text)), '[]')
          FROM fee_schedule_entries WHERE insurer_id = $4 AND code = ANY($5::text[])) AS fees,
       (SELECT json_build_object('deductible_met', deductible_met::text, 'oop_met', oop_met::text,
                                 'plan_paid', plan_paid::text)
          FROM accumulators WHERE member_id = $6 AND plan_year = $7) AS accumulators`,
    [
      query.submissionKey,
      query.providerId,
      query.planId,
      query.insurerId,
      [...new Set(query.codes)],
      query.memberId,
      query.planYear,
    ],
  );
  const row = rows[0];
  const sums = row.accumulators;
  return {
    stored: row.stored,
    providerKnown: row.provider_known,
    benefits: row.benefits,
    network: row.network ?? DEFAULT_NETWORK_STATUS,
    fees: new Map(row.fees.map((fee) => [fee.code, Number(fee.amount)])),
    accumulators: sums
      ? { deductibleMet: Number(sums.deductible_met), oopMet: Number(sums.oop_met), planPaid: Number(sums.plan_paid) }
      : { deductibleMet: 0, oopMet: 0, planPaid: 0 },
  };
}
