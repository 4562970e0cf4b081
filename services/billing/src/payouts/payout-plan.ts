import type { ClaimPriced, PayoutRequested } from '#libs/contracts';
import { currencyMinorDigits } from '#libs/contracts';
import { toTokenUnits } from '../pricing/money.js';

export interface SettlementToken {
  symbol: string;
  decimals: number;
}

/** One payout per claim, ever: the id is derived from the claim so every replay names the same payout. */
export function payoutIdOf(claimId: string): string {
  return `payout-${claimId}`;
}

/** The payout request for a priced claim with something to pay (DOMAIN.md, Money: exact token units). */
export function payoutRequestFor(priced: ClaimPriced, payee: string, token: SettlementToken): PayoutRequested {
  return {
    payoutId: payoutIdOf(priced.claimId),
    claimId: priced.claimId,
    insurerId: priced.insurerId,
    providerId: priced.providerId,
    payee,
    currency: priced.currency,
    amount: priced.totals.planPays,
    tokenAmount: toTokenUnits(priced.totals.planPays, token.decimals, currencyMinorDigits(priced.currency)).toString(),
    token: token.symbol,
  };
}

export interface LedgerEntry {
  kind: 'owed' | 'paid';
  account: string;
  debit: number;
  credit: number;
}

/**
 * Double entry for a payout: when priced, the insurer's claims expense is debited and what it owes
 * the provider is credited; when settled on chain, that payable is debited and the insurer's escrow
 * credited. Owed minus paid on `payable:provider:<id>` is what the insurer still owes.
 */
export function owedEntries(insurerId: string, providerId: string, amount: number): LedgerEntry[] {
  return [
    { kind: 'owed', account: `claims_expense:insurer:${insurerId}`, debit: amount, credit: 0 },
    { kind: 'owed', account: `payable:provider:${providerId}`, debit: 0, credit: amount },
  ];
}

export function paidEntries(insurerId: string, providerId: string, amount: number): LedgerEntry[] {
  return [
    { kind: 'paid', account: `payable:provider:${providerId}`, debit: amount, credit: 0 },
    { kind: 'paid', account: `escrow:insurer:${insurerId}`, debit: 0, credit: amount },
  ];
}
