import type { RecordView } from '#libs/contracts';
import type { EntityManager } from 'typeorm';

/** A record as stored, with the insurer of its member (who may read it too). */
export interface RecordRow {
  provider_id: string;
  member_id: string;
  sha256: string;
  status: RecordView['status'];
  tx_hash: string | null;
  block_number: string | null;
  insurer_id: string | null;
}

/** Where an anchor stands on chain: the transaction that carries it and, once mined, its block. */
export interface AnchorOutcome {
  status: RecordView['status'];
  txHash: string | null;
  blockNumber: string | number | null;
}

/** Claims the record id with a `pending` row; false when the record was already submitted. */
export async function claimRecord(
  manager: EntityManager,
  record: { recordId: string; providerId: string; memberId: string; sha256: string },
): Promise<boolean> {
  const claimed: unknown[] = await manager.query(
    `INSERT INTO records (record_id, provider_id, member_id, sha256, status) VALUES ($1, $2, $3, $4, 'pending')
     ON CONFLICT (record_id) DO NOTHING RETURNING record_id`,
    [record.recordId, record.providerId, record.memberId, record.sha256],
  );
  return claimed.length > 0;
}

/** Frees the record id of a claim whose relay failed, unless a transaction was recorded for it meanwhile. */
export async function forgetUnsentRecord(manager: EntityManager, recordId: string): Promise<void> {
  await manager.query(`DELETE FROM records WHERE record_id = $1 AND tx_hash IS NULL`, [recordId]);
}

export async function saveAnchorOutcome(manager: EntityManager, recordId: string, outcome: AnchorOutcome) {
  await manager.query(`UPDATE records SET status = $2, tx_hash = $3, block_number = $4 WHERE record_id = $1`, [
    recordId,
    outcome.status,
    outcome.txHash,
    outcome.blockNumber,
  ]);
}

export async function recordWithInsurer(manager: EntityManager, recordId: string): Promise<RecordRow | undefined> {
  const rows: RecordRow[] = await manager.query(
    `SELECT r.*, m.insurer_id FROM records r LEFT JOIN members m ON m.id = r.member_id WHERE r.record_id = $1`,
    [recordId],
  );
  return rows[0];
}
