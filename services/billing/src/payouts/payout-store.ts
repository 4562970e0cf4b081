import { updateReturning } from '#libs/persistence';
import type { EntityManager } from 'typeorm';
import type { PayoutRequested } from '#libs/contracts';
import type { LedgerEntry } from './payout-plan.js';

export type PayoutStatus = 'awaiting_provider' | 'requested' | 'settled';

export interface StoredPayout {
  payoutId: string;
  claimId: string;
  insurerId: string;
  providerId: string;
  currency: string;
  amount: number;
  tokenAmount: string;
  token: string;
  status: PayoutStatus;
}

/** The payout of a priced claim; `payee` null while the provider has no registered address. */
export async function insertPayout(
  manager: EntityManager,
  request: Omit<PayoutRequested, 'payee'> & { payee: string | null },
  status: PayoutStatus,
): Promise<void> {
  await manager.query(
    `INSERT INTO payouts (payout_id, claim_id, insurer_id, provider_id, payee, currency, amount, token_amount, token, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      request.payoutId,
      request.claimId,
      request.insurerId,
      request.providerId,
      request.payee,
      request.currency,
      request.amount,
      request.tokenAmount,
      request.token,
      status,
    ],
  );
}

/** Posts ledger entries once: a replay finds the (claim, kind, account) rows and adds nothing. */
export async function postEntries(
  manager: EntityManager,
  claimId: string,
  payoutId: string,
  currency: string,
  entries: readonly LedgerEntry[],
): Promise<void> {
  await manager.query(
    `INSERT INTO payout_ledger_entries (claim_id, payout_id, kind, account, debit, credit, currency)
     SELECT $1, $2, entry.kind, entry.account, entry.debit, entry.credit, $3
     FROM jsonb_to_recordset($4::jsonb) AS entry(kind text, account text, debit bigint, credit bigint)
     ON CONFLICT (claim_id, kind, account) DO NOTHING`,
    [claimId, payoutId, currency, JSON.stringify(entries)],
  );
}

interface PayoutRow {
  payout_id: string;
  claim_id: string;
  insurer_id: string;
  provider_id: string;
  currency: string;
  amount: string;
  token_amount: string;
  token: string;
  status: PayoutStatus;
}

const toStored = (row: PayoutRow): StoredPayout => ({
  payoutId: row.payout_id,
  claimId: row.claim_id,
  insurerId: row.insurer_id,
  providerId: row.provider_id,
  currency: row.currency.trim(),
  amount: Number(row.amount),
  tokenAmount: row.token_amount,
  token: row.token,
  status: row.status,
});

const COLUMNS = 'payout_id, claim_id, insurer_id, provider_id, currency, amount, token_amount, token, status';

/** The payout, locked for this transaction so a settlement and a release never race. */
export async function lockPayout(manager: EntityManager, payoutId: string): Promise<StoredPayout | null> {
  const rows: PayoutRow[] = await manager.query(`SELECT ${COLUMNS} FROM payouts WHERE payout_id = $1 FOR UPDATE`, [
    payoutId,
  ]);
  return rows[0] ? toStored(rows[0]) : null;
}

export async function markSettled(
  manager: EntityManager,
  payoutId: string,
  txHash: string,
  blockNumber: number,
): Promise<void> {
  await manager.query(
    `UPDATE payouts SET status = 'settled', tx_hash = $2, block_number = $3, updated_at = now() WHERE payout_id = $1`,
    [payoutId, txHash, blockNumber],
  );
}

/** Hands the waiting payouts of a provider that now has an address their payee; returns them. */
export async function releaseAwaitingPayouts(
  manager: EntityManager,
  providerId: string,
  payee: string,
): Promise<StoredPayout[]> {
  const rows = await updateReturning<PayoutRow>(
    manager,
    `UPDATE payouts SET status = 'requested', payee = $2, updated_at = now()
     WHERE provider_id = $1 AND status = 'awaiting_provider' RETURNING ${COLUMNS}`,
    [providerId, payee],
  );
  return rows.map(toStored);
}
