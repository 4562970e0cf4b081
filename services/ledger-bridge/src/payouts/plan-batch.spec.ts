import { planBatch, type WaitingPayout } from './plan-batch.js';

let counter = 0;
const aPayout = (tokenAmount: bigint, status: WaitingPayout['status'] = 'pending'): WaitingPayout => ({
  payoutId: `P-${++counter}`,
  claimId: `C-${counter}`,
  payee: '0x1111111111111111111111111111111111111111',
  tokenAmount,
  status,
});

describe('planning a settlement batch', () => {
  it('takes every payout the escrow covers, in request order', () => {
    const payouts = [aPayout(10n), aPayout(20n), aPayout(30n)];
    expect(planBatch(payouts, 60n, 100)).toEqual({ batch: payouts, newlyUnfunded: [] });
  });

  it('leaves a payout the escrow cannot cover, and lets smaller ones behind it through', () => {
    const [small, big, other] = [aPayout(10n), aPayout(100n), aPayout(20n)];
    expect(planBatch([small, big, other], 50n, 100)).toEqual({ batch: [small, other], newlyUnfunded: [big] });
  });

  it('announces an unfunded payout once: one already waiting for funds is not new', () => {
    const waiting = aPayout(100n, 'awaiting_funds');
    expect(planBatch([waiting], 50n, 100)).toEqual({ batch: [], newlyUnfunded: [] });
  });

  it('settles a payout that waited for funds once the escrow covers it', () => {
    const waiting = aPayout(100n, 'awaiting_funds');
    expect(planBatch([waiting], 100n, 100).batch).toEqual([waiting]);
  });

  it('stops at the batch size without calling the rest unfunded', () => {
    const payouts = [aPayout(1n), aPayout(1n), aPayout(1n)];
    expect(planBatch(payouts, 100n, 2)).toEqual({ batch: payouts.slice(0, 2), newlyUnfunded: [] });
  });
});
