import { awaitedStage, firstSettlementDeadline, followUpSettlement } from './settlement-follow-up.js';

const policy = { baseMs: 1_000, maxMs: 8_000 };
const now = new Date('2026-12-06T10:00:00.000Z');
const approved = { status: 'approved', priced: false, payoutStatus: null, attempts: 1 } as const;

describe('settlement follow-up after the decision', () => {
  it('re-asks for the pricing of an approved claim billing has not priced, one attempt later', () => {
    expect(followUpSettlement(approved, now, policy)).toEqual({
      kind: 'reask',
      stage: 'pricing',
      attempt: 2,
      nextDeadlineAt: new Date(now.getTime() + 2_000),
    });
  });

  it('re-asks for the payout of a priced claim until the payout is confirmed', () => {
    for (const payoutStatus of [null, 'pending', 'submitted', 'failed'] as const) {
      const step = followUpSettlement({ ...approved, priced: true, payoutStatus, attempts: 3 }, now, policy);
      expect(step).toMatchObject({ kind: 'reask', stage: 'payout', attempt: 4 });
    }
  });

  it('keeps asking for the payout of a claim whose payment failed, as the bridge retries it', () => {
    const failed = { status: 'payment_failed', priced: true, payoutStatus: 'failed', attempts: 2 } as const;
    expect(followUpSettlement(failed, now, policy)).toMatchObject({ kind: 'reask', stage: 'payout' });
  });

  it('asks for the pricing of a claim paid before its priced event arrived, so its amounts show', () => {
    const paidUnpriced = { status: 'paid', priced: false, payoutStatus: 'confirmed', attempts: 4 } as const;
    expect(followUpSettlement(paidUnpriced, now, policy)).toMatchObject({ kind: 'reask', stage: 'pricing' });
  });

  it('stops watching paid, closed and denied claims, and a confirmed payout', () => {
    for (const status of ['paid', 'closed', 'denied'] as const) {
      expect(followUpSettlement({ ...approved, status, priced: true }, now, policy)).toEqual({ kind: 'done' });
    }
    expect(awaitedStage({ status: 'approved', priced: true, payoutStatus: 'confirmed' })).toBeNull();
  });

  it('waits twice as long after each attempt, up to the cap, and re-asks for ever at the cap', () => {
    const waits = [1, 2, 3, 4, 5, 30].map((attempts) => {
      const step = followUpSettlement({ ...approved, attempts }, now, policy);
      return step.kind === 'reask' ? step.nextDeadlineAt.getTime() - now.getTime() : null;
    });
    expect(waits).toEqual([2_000, 4_000, 8_000, 8_000, 8_000, 8_000]);
  });

  it('gives an approval its first deadline one base period after the decision', () => {
    expect(firstSettlementDeadline(now, policy)).toEqual(new Date(now.getTime() + 1_000));
  });
});
