import { newCorrelation, Subjects, type PayoutFailed, type PayoutSettled, type PayoutSubmitted } from '#libs/contracts';
import type { Outbox } from '#libs/messaging';
import type { EntityManager } from 'typeorm';
import type { BatchedPayout } from './batch-store.js';
import { updateReturning } from './update-rows.js';

/**
 * The payout worker's announcements, each in the transaction of the state change it reports. They are
 * correlated by payout id, since the worker acts on its own clock rather than in answer to one message.
 */
const causeOf = (payoutId: string) => newCorrelation(`payout:${payoutId}`);

/** The batch's first broadcast: `ledger.payout.submitted.v1` for each of its payouts, once. */
export async function markBroadcast(manager: EntityManager, outbox: Outbox, batchId: string, txHash: string) {
  await manager.query(
    `UPDATE settlement_attempts SET broadcast_at = COALESCE(broadcast_at, now()) WHERE tx_hash = $1`,
    [txHash],
  );
  const first = await updateReturning(
    manager,
    `UPDATE settlement_batches SET status = 'broadcast', updated_at = now() WHERE id = $1 AND status = 'signed' RETURNING id`,
    [batchId],
  );
  if (first.length === 0) return;
  const payouts: BatchedPayout[] = await manager.query(`SELECT payout_id, claim_id FROM payouts WHERE batch_id = $1`, [
    batchId,
  ]);
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
}

export async function markSettled(
  manager: EntityManager,
  outbox: Outbox,
  payout: BatchedPayout,
  settlement: { txHash: string; blockNumber: number },
): Promise<void> {
  const updated = await updateReturning(
    manager,
    `UPDATE payouts SET status = 'settled', tx_hash = $2, block_number = $3, updated_at = now()
     WHERE payout_id = $1 AND status <> 'settled' RETURNING payout_id`,
    [payout.payout_id, settlement.txHash, settlement.blockNumber],
  );
  if (updated.length === 0) return;
  const event: PayoutSettled = {
    payoutId: payout.payout_id,
    claimId: payout.claim_id,
    txHash: settlement.txHash.toLowerCase(),
    blockNumber: settlement.blockNumber,
    tokenAmount: payout.token_amount,
  };
  await outbox.add(manager, Subjects.payoutSettled, event, causeOf(payout.payout_id));
}
