import { id } from 'ethers';
import { check, sample, type CheckResult } from './check.js';
import type { ChainObservations, ObservedClaim } from './observations.js';

/**
 * Token base units per cent: the settlement token has 18 decimals and USD 2 minor digits, so
 * tokenUnits = cents × 10^(18 − 2) (DOMAIN.md, Money).
 */
export const TOKEN_UNITS_PER_CENT = 10n ** 16n;

const owedOnChain = (claim: ObservedClaim) =>
  claim.status === 'paid' ? BigInt(claim.planPays) * TOKEN_UNITS_PER_CENT : 0n;

/** What the plan owes over all paid claims, in token base units. */
export function totalOwed(claims: ObservedClaim[]): bigint {
  return claims.reduce((sum, claim) => sum + owedOnChain(claim), 0n);
}

/** settledAmount on chain = planPays × 10^16 for every paid claim, 0 for every other; the API's payout agrees. */
export function settledPerClaim(claims: ObservedClaim[], chain: ChainObservations): CheckResult {
  const problems: string[] = [];
  const wrong = claims.filter((claim) => (chain.settledByClaim[claim.id] ?? 0n) !== owedOnChain(claim));
  const describe = (claim: ObservedClaim) =>
    `${claim.id} (${claim.status}, planPays ${claim.planPays}: on chain ${chain.settledByClaim[claim.id] ?? 0n}, expected ${owedOnChain(claim)})`;
  const unpaidButSettled = wrong.filter((claim) => claim.status !== 'paid');
  const paidWrong = wrong.filter((claim) => claim.status === 'paid');
  if (paidWrong.length)
    problems.push(`${paidWrong.length} paid claims settled wrong: ${sample(paidWrong, 10, describe)}`);
  if (unpaidButSettled.length) {
    problems.push(
      `${unpaidButSettled.length} claims not paid but settled on chain: ${sample(unpaidButSettled, 10, describe)}`,
    );
  }
  const zeroPaid = claims.filter((claim) => claim.status === 'paid' && claim.planPays <= 0);
  if (zeroPaid.length)
    problems.push(`${zeroPaid.length} paid claims with nothing to pay: ${sample(zeroPaid, 10, (c) => c.id)}`);
  const payoutDisagrees = claims.filter(
    (claim) => claim.status === 'paid' && claim.payoutAmount !== (chain.settledByClaim[claim.id] ?? 0n).toString(),
  );
  if (payoutDisagrees.length) {
    problems.push(
      `${payoutDisagrees.length} paid claims whose payout.amount differs from the chain: ${sample(payoutDisagrees, 10, (c) => `${c.id} (API ${c.payoutAmount ?? 'none'}, chain ${chain.settledByClaim[c.id] ?? 0n})`)}`,
    );
  }
  return check(
    'settled-per-claim',
    'settledAmount on chain = planPays × 10^16 for every paid claim and 0 for every other; payout.amount agrees',
    problems,
    `${claims.length - wrong.length} of ${claims.length} claims settled as owed`,
  );
}

/** Σ Settled events = Σ planPays × 10^16 over paid claims; no claim settled twice, none unknown. */
export function settledTotal(claims: ObservedClaim[], chain: ChainObservations): CheckResult {
  const owed = totalOwed(claims);
  const settled = chain.settledEvents.reduce((sum, event) => sum + event.amount, 0n);
  const problems: string[] = [];
  if (settled !== owed)
    problems.push(`Σ settled on chain ${settled} ≠ Σ planPays × 10^16 ${owed} (off by ${settled - owed})`);
  const known = new Set(claims.map((claim) => id(claim.id)));
  const counts = new Map<string, number>();
  for (const event of chain.settledEvents) counts.set(event.claimIdHash, (counts.get(event.claimIdHash) ?? 0) + 1);
  const twice = [...counts.entries()].filter(([, count]) => count > 1);
  if (twice.length)
    problems.push(
      `${twice.length} claims settled more than once: ${sample(twice, 10, ([hash, n]) => `${hash} ×${n}`)}`,
    );
  const strangers = chain.settledEvents.filter((event) => !known.has(event.claimIdHash));
  if (strangers.length) {
    problems.push(
      `${strangers.length} settlements of claims the API does not list: ${sample(strangers, 10, (e) => `${e.claimIdHash} in ${e.txHash}`)}`,
    );
  }
  return check(
    'settled-total',
    'Σ settled on chain = Σ planPays × 10^16 over paid claims, each claim settled at most once',
    problems,
    `${chain.settledEvents.length} settlements, Σ ${settled} token units for Σ planPays ${owed / TOKEN_UNITS_PER_CENT} cents`,
  );
}

/** The insurer's escrow went down by exactly what was settled. */
export function escrowDebit(claims: ObservedClaim[], chain: ChainObservations): CheckResult {
  const owed = totalOwed(claims);
  const debited = chain.escrowBefore - chain.escrowAfter;
  const problems =
    debited === owed
      ? []
      : [`escrow went down by ${debited}, Σ planPays × 10^16 is ${owed} (off by ${debited - owed})`];
  return check(
    'escrow-debit',
    "the insurer's escrow went down by exactly Σ planPays × 10^16",
    problems,
    `escrow ${chain.escrowBefore} → ${chain.escrowAfter}`,
  );
}
