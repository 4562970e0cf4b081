import type { ClaimStatus, SettlementStage } from '#libs/contracts';
import { deadlineAfter, type DeadlinePolicy } from '../saga/deadline-policy.js';
import type { PayoutStatus } from './settlement-rules.js';

/** Where an approved claim stands after its decision, as the deadline scan reads it under the claim's lock. */
export interface SettlementProgress {
  status: ClaimStatus;
  priced: boolean;
  payoutStatus: PayoutStatus | null;
  /** How often the settlement was asked so far (the decided event is attempt 1). */
  attempts: number;
}

export type SettlementFollowUp =
  { kind: 'done' } | { kind: 'reask'; stage: SettlementStage; attempt: number; nextDeadlineAt: Date };

/**
 * What an approved claim still waits for: billing's pricing, then a confirmed payout. Null when nothing:
 * denied, closed (nothing payable) and paid claims are settled. A `payment_failed` claim still waits, as
 * the ledger bridge retries the payout once the escrow can cover it. A claim paid before its pricing
 * arrived (the priced event lost, the payout not) still waits for its priced amounts to show.
 */
export function awaitedStage(progress: Omit<SettlementProgress, 'attempts'>): SettlementStage | null {
  if (progress.status === 'paid') return progress.priced ? null : 'pricing';
  if (progress.status !== 'approved' && progress.status !== 'payment_failed') return null;
  if (!progress.priced) return 'pricing';
  return progress.payoutStatus === 'confirmed' ? null : 'payout';
}

/**
 * The settlement deadline passed: ask again for what is still awaited, with the next deadline further
 * out (the check deadlines' policy: doubling per attempt, re-asked for ever at the cap, so a lost
 * message never strands a claim and a slow service is not flooded); or stop watching a settled claim.
 */
export function followUpSettlement(
  progress: SettlementProgress,
  now: Date,
  policy: DeadlinePolicy,
): SettlementFollowUp {
  const stage = awaitedStage(progress);
  if (!stage) return { kind: 'done' };
  const attempt = progress.attempts + 1;
  return { kind: 'reask', stage, attempt, nextDeadlineAt: deadlineAfter(now, attempt, policy) };
}

/** The first deadline of an approval: the decided event is the first ask. */
export function firstSettlementDeadline(decidedAt: Date, policy: DeadlinePolicy): Date {
  return deadlineAfter(decidedAt, 1, policy);
}
