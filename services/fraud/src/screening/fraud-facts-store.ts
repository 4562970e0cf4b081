import type { EntityManager } from 'typeorm';
import type { ClaimSubmitted, ScreeningCompleted } from '#libs/contracts';
import type { PhiCipher } from '#libs/phi';
import { openDateOfDeath } from '../phi/fraud-phi.js';
import type { ChargeHistory, FraudFacts, ScreenedClaim } from '../rules/fraud-facts.js';
import { BATCH_FACTS, type BatchFactsInput, type BatchFactsRow } from './batch-facts.query.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the batch read for one of its claims. */
export type ClaimFacts =
  /** Screened before (a re-ask, a redelivery): answer exactly that. */
  | { kind: 'screened'; result: ScreeningCompleted }
  /** A second copy of a claim this batch screens: answer the first copy's result. */
  | { kind: 'copy' }
  /** To screen now; `insurerId` is the claim's, else its member's as underwriting last told us. */
  | { kind: 'fresh'; insurerId: string | null; facts: FraudFacts };

export function asScreenedClaim(claim: ClaimSubmitted): ScreenedClaim {
  return {
    id: claim.claimId,
    memberId: claim.memberId,
    providerId: claim.providerId,
    serviceDate: claim.serviceDate,
    submittedAt: claim.submittedAt,
    estimateId: claim.estimateId,
    lines: claim.lines.map(({ code, units, charge }) => ({ code, units, charge })),
  };
}

/**
 * Everything the rules look at, for every claim of a batch (in handling order), in ONE statement over the
 * read models; the claims of the batch count as stored in that order (see `BATCH_FACTS`).
 */
export async function gatherBatchFacts(
  manager: EntityManager,
  cipher: PhiCipher,
  claims: readonly ClaimSubmitted[],
  typicalMinutes: ReadonlyMap<string, number>,
): Promise<ClaimFacts[]> {
  const rows: BatchFactsRow[] = await manager.query(BATCH_FACTS, [JSON.stringify(claims.map(factsInput))]);
  return Promise.all(rows.map((row) => claimFacts(row, claims[row.ord], cipher, typicalMinutes)));
}

function factsInput(claim: ClaimSubmitted, ord: number): BatchFactsInput {
  const at = new Date(claim.submittedAt).getTime();
  const instant = (ms: number) => new Date(ms).toISOString();
  return {
    ord,
    claim_id: claim.claimId,
    member_id: claim.memberId,
    provider_id: claim.providerId,
    service_date: claim.serviceDate,
    submitted_at: claim.submittedAt,
    estimate_id: claim.estimateId,
    insurer_id: claim.insurerId ?? null,
    codes: [...new Set(claim.lines.map((line) => line.code))],
    lines: claim.lines.map(({ code, units, charge }) => ({ code, units, charge })),
    at: instant(at),
    from_90d: instant(at - 90 * DAY_MS),
    from_24h: instant(at - DAY_MS),
    from_31d: instant(at - 31 * DAY_MS),
  };
}

async function claimFacts(
  row: BatchFactsRow,
  claim: ClaimSubmitted,
  cipher: PhiCipher,
  typicalMinutes: ReadonlyMap<string, number>,
): Promise<ClaimFacts> {
  if (row.score !== null && row.held !== null) {
    return {
      kind: 'screened',
      result: { claimId: claim.claimId, score: row.score, held: row.held, flagId: row.flag_id },
    };
  }
  if (!row.fresh) return { kind: 'copy' };
  const providerDayClaims = (row.provider_day ?? []).map((other): ScreenedClaim => ({
    id: other.id,
    memberId: other.memberId,
    providerId: claim.providerId,
    serviceDate: claim.serviceDate,
    submittedAt: new Date(other.submittedAt).toISOString(),
    estimateId: other.estimateId,
    lines: (other.lines ?? []).map((line) => ({ code: line.code, units: line.units, charge: Number(line.charge) })),
  }));
  return {
    kind: 'fresh',
    insurerId: claim.insurerId ?? row.member_insurer_id,
    facts: {
      claim: asScreenedClaim(claim),
      sameDayClaims: providerDayClaims.filter((other) => other.memberId === claim.memberId),
      // Sealed at rest: opened here, and compared with the service date by the rule in TypeScript.
      memberDateOfDeath: await openDateOfDeath(cipher, claim.memberId, row.date_of_death),
      providerExclusions: row.exclusions ?? [],
      providerDayClaims,
      typicalMinutes,
      estimateTotalCharge: row.estimate_total_charge === null ? null : Number(row.estimate_total_charge),
      chargeHistory: new Map<string, ChargeHistory>(Object.entries(row.charge_history ?? {})),
      // This claim and the provider's others of the 24 h up to it; then the 30 days before those 24 h.
      providerClaimsLast24h: (row.last_24h ?? 0) + 1,
      providerClaimsPrevious30d: row.previous_30d ?? 0,
    },
  };
}
