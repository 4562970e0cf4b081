import { CLAIM_STATUSES } from '#libs/contracts';
import { claimStatusAfter, NOTHING_PAYABLE, payoutStatusAfter } from './settlement-rules.js';

describe('claim status after pricing and payout', () => {
  it('closes an approved claim with nothing to pay', () => {
    expect(claimStatusAfter('approved', { kind: 'priced', planPays: 0 })).toEqual({
      status: 'closed',
      reason: NOTHING_PAYABLE,
      actor: 'system',
    });
  });

  it('leaves an approved claim with something to pay approved until it is paid', () => {
    expect(claimStatusAfter('approved', { kind: 'priced', planPays: 1 })).toBeNull();
    expect(claimStatusAfter('approved', { kind: 'payoutRequested' })).toBeNull();
    expect(claimStatusAfter('approved', { kind: 'payoutSubmitted' })).toBeNull();
  });

  it('pays an approved claim, and a failed payment once it goes through', () => {
    for (const from of ['approved', 'payment_failed'] as const) {
      expect(claimStatusAfter(from, { kind: 'payoutSettled' })).toEqual({
        status: 'paid',
        reason: null,
        actor: 'chain',
      });
    }
  });

  it('records a failed payment with its reason, once', () => {
    expect(claimStatusAfter('approved', { kind: 'payoutFailed', reason: 'INSUFFICIENT_ESCROW' })).toEqual({
      status: 'payment_failed',
      reason: 'INSUFFICIENT_ESCROW',
      actor: 'chain',
    });
    expect(claimStatusAfter('payment_failed', { kind: 'payoutFailed', reason: 'INSUFFICIENT_ESCROW' })).toBeNull();
  });

  it('never moves a paid, closed, denied or undecided claim', () => {
    const events = [
      { kind: 'priced', planPays: 0 },
      { kind: 'payoutSettled' },
      { kind: 'payoutFailed', reason: 'REVERTED' },
    ] as const;
    for (const status of CLAIM_STATUSES.filter((s) => s !== 'approved' && s !== 'payment_failed')) {
      for (const event of events) expect(claimStatusAfter(status, event)).toBeNull();
    }
    // A failed payment that is not yet paid again is not closed by a late pricing either.
    expect(claimStatusAfter('payment_failed', { kind: 'priced', planPays: 0 })).toBeNull();
  });
});

describe('payout status', () => {
  it('goes pending → submitted → confirmed', () => {
    expect(payoutStatusAfter(null, { kind: 'payoutRequested' })).toBe('pending');
    expect(payoutStatusAfter('pending', { kind: 'payoutSubmitted' })).toBe('submitted');
    expect(payoutStatusAfter('submitted', { kind: 'payoutSettled' })).toBe('confirmed');
  });

  it('is submitted again after a failure when the bridge retries', () => {
    expect(payoutStatusAfter('pending', { kind: 'payoutFailed', reason: 'INSUFFICIENT_ESCROW' })).toBe('failed');
    expect(payoutStatusAfter('failed', { kind: 'payoutSubmitted' })).toBe('submitted');
  });

  it('keeps a confirmed payout confirmed whatever arrives late', () => {
    for (const event of [
      { kind: 'payoutRequested' },
      { kind: 'payoutSubmitted' },
      { kind: 'payoutFailed', reason: 'REVERTED' },
    ] as const) {
      expect(payoutStatusAfter('confirmed', event)).toBe('confirmed');
    }
  });

  it('a request arriving after the outcome does not reset it', () => {
    expect(payoutStatusAfter('submitted', { kind: 'payoutRequested' })).toBe('submitted');
  });
});
