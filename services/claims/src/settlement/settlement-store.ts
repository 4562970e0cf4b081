import type { EntityManager } from 'typeorm';
import type { ClaimPriced, ClaimStatus } from '#libs/contracts';
import type { PayoutStatus, StatusChange } from './settlement-rules.js';

/** Locks the claim row (the one lock per claim the saga also takes) and returns its status; null if not ours. */
export async function lockClaimStatus(manager: EntityManager, claimId: string): Promise<ClaimStatus | null> {
  const rows: { status: ClaimStatus }[] = await manager.query(`SELECT status FROM claims WHERE id = $1 FOR UPDATE`, [
    claimId,
  ]);
  return rows[0]?.status ?? null;
}

/** Moves the claim and appends the move to its timeline. */
export async function changeStatus(
  manager: EntityManager,
  claimId: string,
  change: StatusChange,
  at: Date,
): Promise<void> {
  await manager.query(`UPDATE claims SET status = $2, updated_at = $3, version = version + 1 WHERE id = $1`, [
    claimId,
    change.status,
    at,
  ]);
  await manager.query(`INSERT INTO claim_timeline (claim_id, at, status, reason, actor) VALUES ($1, $2, $3, $4, $5)`, [
    claimId,
    at,
    change.status,
    change.reason,
    change.actor,
  ]);
}

/**
 * Writes billing's priced lines onto the claim, once: false when the claim was priced before (a
 * redelivery or a duplicate), in which case nothing is written. Pricing may deny a line the saga
 * approved (NO_FEE_SCHEDULE), so its status and reason are billing's.
 */
export async function recordPricing(manager: EntityManager, priced: ClaimPriced, at: Date): Promise<boolean> {
  const marked: unknown[] = await manager.query(
    `UPDATE claims SET priced_at = $2, currency = $3, updated_at = $2, version = version + 1
     WHERE id = $1 AND priced_at IS NULL RETURNING id`,
    [priced.claimId, at, priced.currency],
  );
  if (marked.length === 0) return false;
  await manager.query(
    `UPDATE claim_lines AS l SET status = p.status, reason = p.reason, allowed = p.allowed,
            plan_pays = p."planPays", patient_pays = p."patientPays",
            deductible = p.deductible, copay = p.copay, coinsurance = p.coinsurance
     FROM jsonb_to_recordset($2::jsonb)
          AS p(index int, status text, reason text, allowed bigint, "planPays" bigint, "patientPays" bigint,
               deductible bigint, copay bigint, coinsurance bigint)
     WHERE l.claim_id = $1 AND l.line_index = p.index`,
    [priced.claimId, JSON.stringify(priced.lines)],
  );
  return true;
}

export interface PayoutFacts {
  payoutId: string;
  amount?: string;
  token?: string;
  txHash?: string;
  blockNumber?: number;
  failureReason?: string | null;
}

export async function payoutStatusOf(manager: EntityManager, claimId: string): Promise<PayoutStatus | null> {
  const rows: { status: PayoutStatus }[] = await manager.query(`SELECT status FROM claim_payouts WHERE claim_id = $1`, [
    claimId,
  ]);
  return rows[0]?.status ?? null;
}

/** Creates or updates the claim's payout; a fact not given keeps what is known. */
export async function savePayout(
  manager: EntityManager,
  claimId: string,
  status: PayoutStatus,
  facts: PayoutFacts,
  at: Date,
): Promise<void> {
  await manager.query(
    `INSERT INTO claim_payouts (claim_id, payout_id, status, amount, token, tx_hash, block_number, failure_reason, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (claim_id) DO UPDATE SET
       status = EXCLUDED.status,
       amount = COALESCE(EXCLUDED.amount, claim_payouts.amount),
       token = COALESCE(EXCLUDED.token, claim_payouts.token),
       tx_hash = COALESCE(EXCLUDED.tx_hash, claim_payouts.tx_hash),
       block_number = COALESCE(EXCLUDED.block_number, claim_payouts.block_number),
       failure_reason = CASE WHEN EXCLUDED.status = 'failed' THEN EXCLUDED.failure_reason ELSE NULL END,
       updated_at = EXCLUDED.updated_at`,
    [
      claimId,
      facts.payoutId,
      status,
      facts.amount ?? null,
      facts.token ?? null,
      facts.txHash ?? null,
      facts.blockNumber ?? null,
      facts.failureReason ?? null,
      at,
    ],
  );
}
