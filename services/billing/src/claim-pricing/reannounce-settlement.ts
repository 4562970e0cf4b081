import type { EntityManager } from 'typeorm';
import { claimPricedSchema, Subjects, type Causation, type ClaimPriced, type PayoutRequested } from '#libs/contracts';
import type { Outbox } from '#libs/messaging';

export type ReannounceOutcome = 'not-priced' | 'priced' | 'payout-requested' | 'payout-awaiting-provider';

interface PayoutRow {
  payout_id: string;
  insurer_id: string;
  provider_id: string;
  payee: string | null;
  currency: string;
  amount: string;
  token_amount: string;
  token: string;
}

/**
 * The saga asked again for a claim billing already priced: its answer was lost or is still on the way.
 * Announces again what billing did (the same priced event, and the payout request unless the payout waits
 * for its provider's address), so the claims service learns it and the ledger bridge, which keeps one
 * payout per claim, announces a settled payout again. Nothing is priced or posted twice.
 */
export async function reannounceSettlement(
  manager: EntityManager,
  outbox: Outbox,
  claimId: string,
  causation: Causation,
): Promise<ReannounceOutcome> {
  const pricings: { priced: unknown }[] = await manager.query(`SELECT priced FROM claim_pricings WHERE claim_id = $1`, [
    claimId,
  ]);
  if (!pricings[0]) return 'not-priced';
  const priced: ClaimPriced = claimPricedSchema.parse(pricings[0].priced);
  await outbox.add(manager, Subjects.claimPriced, priced, causation);

  const payouts: PayoutRow[] = await manager.query(
    `SELECT payout_id, insurer_id, provider_id, payee, currency, amount, token_amount, token
     FROM payouts WHERE claim_id = $1 AND status IN ('requested', 'settled')`,
    [claimId],
  );
  const payout = payouts[0];
  if (!payout || payout.payee === null) return priced.totals.planPays > 0 ? 'payout-awaiting-provider' : 'priced';
  const request: PayoutRequested = {
    payoutId: payout.payout_id,
    claimId,
    insurerId: payout.insurer_id,
    providerId: payout.provider_id,
    payee: payout.payee,
    currency: payout.currency.trim(),
    amount: Number(payout.amount),
    tokenAmount: payout.token_amount,
    token: payout.token,
  };
  await outbox.add(manager, Subjects.payoutRequested, request, causation);
  return 'payout-requested';
}
