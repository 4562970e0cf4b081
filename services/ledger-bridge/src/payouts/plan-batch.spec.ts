import { planBatch, type WaitingPayout } from './plan-batch.js';

let counter = 0;
const ALICE = '0x1111111111111111111111111111111111111111';
const BOB = '0x2222222222222222222222222222222222222222';
const CAROL = '0x3333333333333333333333333333333333333333';
const aPayout = (
  tokenAmount: bigint,
  status: WaitingPayout['status'] = 'pending',
  payee: string = ALICE,
): WaitingPayout => ({
  payoutId: `P-${++counter}`,
  claimId: `C-${counter}`,
  payee,
  tokenAmount,
  status,
});
const toPayee = (payee: string, tokenAmount = 1n) => aPayout(tokenAmount, 'pending', payee);

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

  it('stops at the batch size, leaving the rest the escrow covers waiting, not unfunded', () => {
    const payouts = [aPayout(1n), aPayout(1n), aPayout(1n)];
    expect(planBatch(payouts, 100n, 2)).toEqual({ batch: payouts.slice(0, 2), newlyUnfunded: [] });
  });

  it("puts each payee's payouts together, payees in the order of their oldest payout", () => {
    const [a1, b1, c1, a2, b2, a3] = [ALICE, BOB, CAROL, ALICE, BOB, ALICE].map((payee) => toPayee(payee));
    expect(planBatch([a1, b1, c1, a2, b2, a3], 100n, 100).batch).toEqual([a1, a2, a3, b1, b2, c1]);
  });

  it('treats a payee address in another letter case as the same payee', () => {
    const [first, other, again] = [toPayee(BOB), toPayee(ALICE), toPayee(BOB.toUpperCase().replace('0X', '0x'))];
    expect(planBatch([first, other, again], 100n, 100).batch).toEqual([first, again, other]);
  });

  it('fills the batch payee by payee, so the oldest payout is always in it', () => {
    const waiting = [toPayee(ALICE), toPayee(BOB), toPayee(ALICE), toPayee(BOB), toPayee(ALICE)];
    const [a1, b1, a2, b2, a3] = waiting;
    expect(planBatch(waiting, 100n, 4).batch).toEqual([a1, a2, a3, b1]);
    expect(planBatch([b2, toPayee(ALICE)], 100n, 4).batch[0]).toBe(b2);
  });

  it('gives the escrow to older payouts first: a later payout of an earlier payee cannot take it', () => {
    const [a1, b1, a2] = [toPayee(ALICE, 40n), toPayee(BOB, 50n), toPayee(ALICE, 30n)];
    expect(planBatch([a1, b1, a2], 90n, 100)).toEqual({ batch: [a1, b1], newlyUnfunded: [a2] });
  });

  it('calls a payout unfunded when the escrow cannot cover it after the older ones, even past the batch size', () => {
    const [first, second, third] = [aPayout(50n), aPayout(50n), aPayout(50n)];
    expect(planBatch([first, second, third], 120n, 1)).toEqual({ batch: [first], newlyUnfunded: [third] });
  });
});
