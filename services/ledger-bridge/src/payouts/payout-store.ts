import type { PayoutRequested } from '#libs/contracts';
import { affectedRows, updateReturning } from '#libs/persistence';
import { getAddress } from 'ethers';
import type { EntityManager } from 'typeorm';
import type { WaitingPayout } from './plan-batch.js';

/** A payout of a batch, as its announcements need it. */
export interface BatchedPayout {
  payout_id: string;
  claim_id: string;
  token_amount: string;
}

export interface SettledPayout {
  payout_id: string;
  tx_hash: string;
  block_number: string;
  token_amount: string;
}

/** Takes a payout request in as `pending`; false when the payout or its claim is already in the ledger. */
export async function insertPendingPayout(manager: EntityManager, request: PayoutRequested): Promise<boolean> {
  const inserted: unknown[] = await manager.query(
    `INSERT INTO payouts (payout_id, claim_id, insurer_id, provider_id, payee, token_amount, status)
     VALUES ($1, $2, $3, $4, $5, $6, 'pending') ON CONFLICT DO NOTHING RETURNING payout_id`,
    [
      request.payoutId,
      request.claimId,
      request.insurerId,
      request.providerId,
      getAddress(request.payee),
      request.tokenAmount,
    ],
  );
  return inserted.length > 0;
}

export async function settledPayoutsOfClaim(manager: EntityManager, claimId: string): Promise<SettledPayout[]> {
  return manager.query(
    `SELECT payout_id, tx_hash, block_number, token_amount FROM payouts WHERE claim_id = $1 AND status = 'settled'`,
    [claimId],
  );
}

export async function payoutsOf(manager: EntityManager, batchId: string): Promise<BatchedPayout[]> {
  return manager.query(`SELECT payout_id, claim_id, token_amount FROM payouts WHERE batch_id = $1 ORDER BY payout_id`, [
    batchId,
  ]);
}

export async function insurersWithWaitingPayouts(manager: EntityManager): Promise<string[]> {
  const rows: { insurer_id: string }[] = await manager.query(
    `SELECT insurer_id FROM payouts WHERE status IN ('pending', 'awaiting_funds')
     GROUP BY insurer_id ORDER BY min(requested_at)`,
  );
  return rows.map((row) => row.insurer_id);
}

export async function waitingPayouts(
  manager: EntityManager,
  insurerId: string,
  limit: number,
): Promise<WaitingPayout[]> {
  const rows: {
    payout_id: string;
    claim_id: string;
    payee: string;
    token_amount: string;
    status: WaitingPayout['status'];
  }[] = await manager.query(
    `SELECT payout_id, claim_id, payee, token_amount, status FROM payouts
       WHERE insurer_id = $1 AND status IN ('pending', 'awaiting_funds')
       ORDER BY requested_at, payout_id LIMIT $2`,
    [insurerId, limit],
  );
  return rows.map((row) => ({
    payoutId: row.payout_id,
    claimId: row.claim_id,
    payee: row.payee,
    tokenAmount: BigInt(row.token_amount),
    status: row.status,
  }));
}

/** Pending payouts the escrow cannot cover now; returns those that were still pending (announced once). */
export async function markAwaitingFunds(
  manager: EntityManager,
  payoutIds: string[],
): Promise<{ payout_id: string; claim_id: string }[]> {
  return updateReturning(
    manager,
    `UPDATE payouts SET status = 'awaiting_funds', updated_at = now()
     WHERE payout_id = ANY($1) AND status = 'pending' RETURNING payout_id, claim_id`,
    [payoutIds],
  );
}

/** Puts waiting payouts into a batch; returns how many were still waiting (all of them, or the batch is stale). */
export async function takeIntoBatch(manager: EntityManager, payoutIds: string[], batchId: string): Promise<number> {
  return affectedRows(
    manager,
    `UPDATE payouts SET status = 'batched', batch_id = $2, updated_at = now()
     WHERE payout_id = ANY($1) AND status IN ('pending', 'awaiting_funds')`,
    [payoutIds, batchId],
  );
}

/** The batch's transaction will never pay: its payouts wait again for the next batch. */
export async function returnToWaiting(manager: EntityManager, batchId: string): Promise<BatchedPayout[]> {
  return updateReturning<BatchedPayout>(
    manager,
    `UPDATE payouts SET status = 'pending', batch_id = NULL, updated_at = now() WHERE batch_id = $1
     RETURNING payout_id, claim_id, token_amount`,
    [batchId],
  );
}

/** Settles a payout; false when it was settled before (so it is announced once). */
export async function markPayoutSettled(
  manager: EntityManager,
  payoutId: string,
  settlement: { txHash: string; blockNumber: number },
): Promise<boolean> {
  const updated = await updateReturning(
    manager,
    `UPDATE payouts SET status = 'settled', tx_hash = $2, block_number = $3, updated_at = now()
     WHERE payout_id = $1 AND status <> 'settled' RETURNING payout_id`,
    [payoutId, settlement.txHash, settlement.blockNumber],
  );
  return updated.length > 0;
}
