import { newCorrelation, Subjects, type PayoutFailed, type PayoutSettled, type PayoutSubmitted } from '#libs/contracts';
import type { Outbox } from '#libs/messaging';
import type { EntityManager } from 'typeorm';
import { countSubmitted, recordFailed, recordSettled } from '../metrics/payout-counters.js';
import { markFirstBroadcast } from './batch-store.js';
import { markPayoutSettled, payoutsOf, type BatchedPayout } from './payout-store.js';

/**
 * The payout worker's announcements, each in the transaction of the state change it reports. They are
 * correlated by payout id, since the worker acts on its own clock rather than in answer to one message.
 */
const causeOf = (payoutId: string) => newCorrelation(`payout:${payoutId}`);

/** The batch's first broadcast: `ledger.payout.submitted.v1` for each of its payouts, once. */
export async function markBroadcast(manager: EntityManager, outbox: Outbox, batchId: string, txHash: string) {
  if (!(await markFirstBroadcast(manager, batchId, txHash))) return;
  const payouts = await payoutsOf(manager, batchId);
  countSubmitted(manager, payouts.length);
  for (const payout of payouts) {
    const event: PayoutSubmitted = { payoutId: payout.payout_id, claimId: payout.claim_id, txHash };
    await outbox.add(manager, Subjects.payoutSubmitted, event, causeOf(payout.payout_id));
  }
}

export async function announceFailed(
  outbox: Outbox,
  manager: EntityManager,
  payout: { payoutId: string; claimId: string },
  reason: PayoutFailed['reason'],
): Promise<void> {
  const event: PayoutFailed = { payoutId: payout.payoutId, claimId: payout.claimId, reason, retrying: true };
  await outbox.add(manager, Subjects.payoutFailed, event, causeOf(payout.payoutId));
  recordFailed(manager, payout, reason);
}

export async function markSettled(
  manager: EntityManager,
  outbox: Outbox,
  payout: BatchedPayout,
  /** Where it was paid (an earlier transaction, if the contract skipped it here), and the batch confirming it. */
  settlement: { txHash: string; blockNumber: number; batchId: string },
): Promise<void> {
  if (!(await markPayoutSettled(manager, payout.payout_id, settlement))) return;
  const event: PayoutSettled = {
    payoutId: payout.payout_id,
    claimId: payout.claim_id,
    txHash: settlement.txHash.toLowerCase(),
    blockNumber: settlement.blockNumber,
    tokenAmount: payout.token_amount,
  };
  await outbox.add(manager, Subjects.payoutSettled, event, causeOf(payout.payout_id));
  recordSettled(manager, { payoutId: event.payoutId, claimId: event.claimId, batchId: settlement.batchId });
}
