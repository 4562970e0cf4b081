import { updateReturning } from '#libs/persistence';
import type { EntityManager } from 'typeorm';

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

/** One signed version of a batch's transaction (the first, or a replacement with bumped fees). */
export interface SignedAttempt {
  txHash: string;
  raw: string;
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
}

/** Throws unless this instance is still the chain leader; run in the transaction that reserves a nonce. */
export type Fence = (manager: EntityManager) => Promise<void>;

/** Batches whose transaction is not final yet, lowest nonce first. */
export async function openBatches(manager: EntityManager): Promise<BatchRow[]> {
  return manager.query(
    `SELECT * FROM settlement_batches WHERE status IN ('signed', 'broadcast', 'mined') ORDER BY nonce`,
  );
}

export async function attemptsOf(manager: EntityManager, batchId: string): Promise<AttemptRow[]> {
  return manager.query(`SELECT * FROM settlement_attempts WHERE batch_id = $1 ORDER BY signed_at, tx_hash`, [batchId]);
}

/** Stores a newly signed batch and its first attempt; returns the batch id. */
export async function insertSignedBatch(
  manager: EntityManager,
  batch: { insurerId: string; signer: string; nonce: bigint },
  attempt: SignedAttempt,
): Promise<string> {
  const [{ id: batchId }]: { id: string }[] = await manager.query(
    `INSERT INTO settlement_batches (insurer_id, signer, nonce, status) VALUES ($1, $2, $3, 'signed') RETURNING id`,
    [batch.insurerId, batch.signer, batch.nonce.toString()],
  );
  await manager.query(
    `INSERT INTO settlement_attempts (tx_hash, batch_id, raw_tx, max_fee_per_gas, max_priority_fee_per_gas)
     VALUES ($1, $2, $3, $4, $5)`,
    [attempt.txHash, batchId, attempt.raw, attempt.maxFeePerGas.toString(), attempt.maxPriorityFeePerGas.toString()],
  );
  return batchId;
}

/** Stores a replacement of a stuck transaction (kept once, should the same one be signed again). */
export async function insertReplacementAttempt(
  manager: EntityManager,
  batchId: string,
  attempt: SignedAttempt,
): Promise<void> {
  await manager.query(
    `INSERT INTO settlement_attempts (tx_hash, batch_id, raw_tx, max_fee_per_gas, max_priority_fee_per_gas)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
    [attempt.txHash, batchId, attempt.raw, attempt.maxFeePerGas.toString(), attempt.maxPriorityFeePerGas.toString()],
  );
}

export async function markAttemptBroadcast(manager: EntityManager, txHash: string): Promise<void> {
  await manager.query(`UPDATE settlement_attempts SET broadcast_at = now() WHERE tx_hash = $1`, [txHash]);
}

/** Notes an attempt's broadcast; true when this is the batch's first (it leaves `signed` only once). */
export async function markFirstBroadcast(manager: EntityManager, batchId: string, txHash: string): Promise<boolean> {
  await manager.query(
    `UPDATE settlement_attempts SET broadcast_at = COALESCE(broadcast_at, now()) WHERE tx_hash = $1`,
    [txHash],
  );
  const first = await updateReturning(
    manager,
    `UPDATE settlement_batches SET status = 'broadcast', updated_at = now() WHERE id = $1 AND status = 'signed' RETURNING id`,
    [batchId],
  );
  return first.length > 0;
}

export async function markBatchMined(
  manager: EntityManager,
  batchId: string,
  receipt: { hash: string; blockNumber: number; blockHash: string },
): Promise<void> {
  await manager.query(
    `UPDATE settlement_batches SET status = 'mined', tx_hash = $2, block_number = $3, block_hash = $4, updated_at = now()
     WHERE id = $1`,
    [batchId, receipt.hash, receipt.blockNumber, receipt.blockHash],
  );
}

/** Its block was reorganised away: the batch is followed again as broadcast but unmined. */
export async function markBatchUnmined(manager: EntityManager, batchId: string): Promise<void> {
  await manager.query(
    `UPDATE settlement_batches SET status = 'broadcast', tx_hash = NULL, block_number = NULL, block_hash = NULL
     WHERE id = $1`,
    [batchId],
  );
}

/**
 * Marks the batch confirmed; returns the seconds since its transaction was first broadcast (since it was
 * signed, should no broadcast have been noted), the time payouts waited for their confirmations.
 */
export async function markBatchConfirmed(manager: EntityManager, batchId: string): Promise<number> {
  const rows = await updateReturning<{ seconds: number }>(
    manager,
    `UPDATE settlement_batches b SET status = 'confirmed', updated_at = now() WHERE id = $1
     RETURNING EXTRACT(EPOCH FROM now() - COALESCE(
       (SELECT min(a.broadcast_at) FROM settlement_attempts a WHERE a.batch_id = b.id), b.created_at))::float8 AS seconds`,
    [batchId],
  );
  return Math.max(0, rows[0]?.seconds ?? 0);
}

/** The transaction's nonce went to something else, or it reverted: the batch will never pay. */
export async function markBatchReleased(
  manager: EntityManager,
  batchId: string,
  status: 'dropped' | 'reverted',
): Promise<void> {
  await manager.query(`UPDATE settlement_batches SET status = $2, updated_at = now() WHERE id = $1`, [batchId, status]);
}
