import type { EntityManager } from 'typeorm';
import type { WaitingPayout } from './plan-batch.js';
import { updateReturning } from './update-rows.js';

export type BatchStatus = 'signed' | 'broadcast' | 'mined' | 'confirmed' | 'dropped' | 'reverted';

export interface BatchRow {
  id: string;
  insurer_id: string;
  signer: string;
  nonce: string;
  status: BatchStatus;
  tx_hash: string | null;
  block_number: string | null;
  block_hash: string | null;
}

export interface AttemptRow {
  tx_hash: string;
  raw_tx: string;
  max_fee_per_gas: string;
  max_priority_fee_per_gas: string;
  signed_at: Date;
  broadcast_at: Date | null;
}

export interface BatchedPayout {
  payout_id: string;
  claim_id: string;
  token_amount: string;
}

/** Batches whose transaction is not final yet, lowest nonce first. */
export async function openBatches(manager: EntityManager): Promise<BatchRow[]> {
  return manager.query(
    `SELECT * FROM settlement_batches WHERE status IN ('signed', 'broadcast', 'mined') ORDER BY nonce`,
  );
}

export async function attemptsOf(manager: EntityManager, batchId: string): Promise<AttemptRow[]> {
  return manager.query(`SELECT * FROM settlement_attempts WHERE batch_id = $1 ORDER BY signed_at, tx_hash`, [batchId]);
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

/** The transaction's nonce went to something else: its payouts wait again for the next batch. */
export async function releaseBatch(
  manager: EntityManager,
  batchId: string,
  status: 'dropped' | 'reverted',
): Promise<BatchedPayout[]> {
  await manager.query(`UPDATE settlement_batches SET status = $2, updated_at = now() WHERE id = $1`, [batchId, status]);
  return updateReturning<BatchedPayout>(
    manager,
    `UPDATE payouts SET status = 'pending', batch_id = NULL, updated_at = now() WHERE batch_id = $1
     RETURNING payout_id, claim_id, token_amount`,
    [batchId],
  );
}

/**
 * The next nonce of `signer`, kept in the database: never below what the chain has seen (the key also
 * deploys and funds on a development chain), never reused after a crash.
 */
export async function allocateNonce(manager: EntityManager, signer: string, chainPending: number): Promise<bigint> {
  const rows: { nonce: string }[] = await manager.query(
    `INSERT INTO signer_nonces (address, next_nonce) VALUES ($1, $2 + 1)
     ON CONFLICT (address) DO UPDATE SET next_nonce = GREATEST(signer_nonces.next_nonce, $2) + 1
     RETURNING next_nonce - 1 AS nonce`,
    [signer, chainPending],
  );
  return BigInt(rows[0].nonce);
}
