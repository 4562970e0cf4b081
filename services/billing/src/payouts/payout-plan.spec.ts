import type { ClaimPriced } from '#libs/contracts';
import { owedEntries, paidEntries, payoutIdOf, payoutRequestFor, type LedgerEntry } from './payout-plan.js';

const HCET = { symbol: 'HCET', decimals: 18 };
const PAYEE = `0x${'c'.repeat(40)}`;

function aPricedClaim(currency: string, planPays: number): ClaimPriced {
  return {
    claimId: '3f1c2a9e-1b2c-4d5e-8f90-123456789abc',
    memberId: 'M-1',
    providerId: 'P-1',
    insurerId: 'INS-A',
    currency,
    network: 'in',
    lines: [],
    totals: { charge: 20_000, allowed: 15_000, planPays, patientPays: 15_000 - planPays },
  };
}

const balance = (entries: LedgerEntry[], account: string) =>
  entries.filter((entry) => entry.account === account).reduce((sum, entry) => sum + entry.credit - entry.debit, 0);

describe('payoutRequestFor', () => {
  it('asks to pay the plan’s share to the payee in exact token units, under an id derived from the claim', () => {
    const priced = aPricedClaim('USD', 12_345);
    expect(payoutRequestFor(priced, PAYEE, HCET)).toEqual({
      payoutId: `payout-${priced.claimId}`,
      claimId: priced.claimId,
      insurerId: 'INS-A',
      providerId: 'P-1',
      payee: PAYEE,
      currency: 'USD',
      amount: 12_345,
      tokenAmount: '123450000000000000000',
      token: 'HCET',
    });
  });

  it('uses the currency’s own minor digits (none for JPY, three for KWD) and the token’s decimals', () => {
    expect(payoutRequestFor(aPricedClaim('JPY', 1_500), PAYEE, HCET).tokenAmount).toBe(
      (1_500n * 10n ** 18n).toString(),
    );
    expect(payoutRequestFor(aPricedClaim('KWD', 1_500), PAYEE, HCET).tokenAmount).toBe(
      (1_500n * 10n ** 15n).toString(),
    );
    expect(payoutRequestFor(aPricedClaim('USD', 1_500), PAYEE, { symbol: 'USDC', decimals: 6 })).toMatchObject({
      tokenAmount: '15000000',
      token: 'USDC',
    });
  });

  it('names the same payout every time for one claim, so a replay never asks twice', () => {
    const priced = aPricedClaim('USD', 100);
    expect(payoutRequestFor(priced, PAYEE, HCET).payoutId).toBe(payoutIdOf(priced.claimId));
    expect(payoutIdOf(priced.claimId)).toBe(payoutIdOf(priced.claimId));
  });
});

describe('payout ledger entries', () => {
  it('owes the provider what the insurer expensed, and each kind balances to zero', () => {
    const owed = owedEntries('INS-A', 'P-1', 7_500);
    expect(owed).toEqual([
      { kind: 'owed', account: 'claims_expense:insurer:INS-A', debit: 7_500, credit: 0 },
      { kind: 'owed', account: 'payable:provider:P-1', debit: 0, credit: 7_500 },
    ]);
    const paid = paidEntries('INS-A', 'P-1', 7_500);
    expect(paid).toEqual([
      { kind: 'paid', account: 'payable:provider:P-1', debit: 7_500, credit: 0 },
      { kind: 'paid', account: 'escrow:insurer:INS-A', debit: 0, credit: 7_500 },
    ]);
    for (const entries of [owed, paid]) {
      expect(entries.reduce((sum, entry) => sum + entry.debit - entry.credit, 0)).toBe(0);
    }
  });

  it('leaves nothing payable to the provider once the payout is settled', () => {
    const payable = 'payable:provider:P-1';
    expect(balance(owedEntries('INS-A', 'P-1', 7_500), payable)).toBe(7_500);
    expect(balance([...owedEntries('INS-A', 'P-1', 7_500), ...paidEntries('INS-A', 'P-1', 7_500)], payable)).toBe(0);
  });
});
