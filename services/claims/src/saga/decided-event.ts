import type { ClaimDecided } from '#libs/contracts';
import type { ClaimSagaState, LineVerdict } from './saga-state.js';

/** The claim facts a decided event repeats, loaded with the saga so deciding needs no second read. */
export interface ClaimFacts {
  memberId: string;
  providerId: string;
  serviceDate: string;
}

/** A claim line as billed. */
export interface BilledLine {
  index: number;
  code: string;
  units: number;
  charge: number;
}

/**
 * `claims.claim.decided.v1` for a decision the saga just took: the verdicts with each line as billed
 * and its category from the coverage answer, plus the plan, currency and cited estimate, so billing can
 * price an approved claim from this one message.
 */
export function decidedEvent(
  state: ClaimSagaState,
  facts: ClaimFacts,
  decision: { status: 'approved' | 'denied'; reason: string | null; lines: LineVerdict[] },
  billedLines: BilledLine[],
  estimateId: string | null,
): ClaimDecided {
  const coverage = state.checks.coverage.answer;
  const categoryOf = new Map(coverage?.lines.map((line) => [line.index, line.category ?? null]));
  const billed = new Map(billedLines.map((line) => [line.index, line]));
  return {
    claimId: state.claimId,
    ...facts,
    insurerId: state.insurerId,
    status: decision.status,
    reason: decision.reason,
    planId: coverage?.planId ?? null,
    currency: state.currency,
    estimateId,
    lines: decision.lines.map((verdict) => {
      const line = billed.get(verdict.index);
      if (!line) throw new Error(`claim ${state.claimId} has no line ${verdict.index} to decide`);
      return {
        ...verdict,
        code: line.code,
        units: line.units,
        charge: line.charge,
        category: categoryOf.get(verdict.index) ?? null,
      };
    }),
  };
}
