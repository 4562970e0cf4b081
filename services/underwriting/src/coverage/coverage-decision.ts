import type { ClaimSubmitted, CoverageDecided } from '#libs/contracts';
import type { LineVerdict, Procedure } from './coverage-facts.js';

/** Who covers the member, when the member is known. */
export interface Coverer {
  insurerId: string;
  planId: string;
  currency: string;
}

/**
 * `underwriting.coverage.decided.v1` from the verdicts: one line per submitted line, in order, with
 * the procedure's category (for copays in pricing). An unknown member has no insurer, plan or currency.
 */
export function coverageDecided(
  claim: ClaimSubmitted,
  verdicts: readonly LineVerdict[],
  procedures: ReadonlyMap<string, Procedure>,
  coverer: Coverer | null,
): CoverageDecided {
  return {
    claimId: claim.claimId,
    insurerId: coverer?.insurerId ?? null,
    currency: coverer?.currency ?? null,
    planId: coverer?.planId ?? null,
    lines: claim.lines.map((line, index) => {
      const verdict = verdicts[index];
      return {
        index,
        code: line.code,
        category: procedures.get(line.code)?.category ?? null,
        status: verdict.status,
        reason: verdict.status === 'denied' ? verdict.reason : null,
      };
    }),
  };
}
