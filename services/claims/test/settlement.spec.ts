import { randomUUID } from 'node:crypto';
import {
  RpcPatterns,
  Subjects,
  type ClaimTimelineResult,
  type ClaimView,
  type PayoutSettled,
  type SubmitClaimResult,
} from '#libs/contracts';
import { waitFor } from '#libs/testing';
import { aClaim, aPayoutRequest, aPricing, clinicP1, insurerI1 } from './support/claim-builders.js';
import { ClaimsTestBed } from './support/claims-test-bed.js';
import { playCheckingServices } from './support/checking-services.js';

const TX = `0x${'ab'.repeat(32)}`;
/** $142.00 in an 18-decimal token: 14200 cents × 10^16. */
const AMOUNT = '142000000000000000000';

describe('claim settlement: pricing and payout after approval', () => {
  let bed: ClaimsTestBed;

  beforeAll(async () => {
    bed = await ClaimsTestBed.open('cset');
    playCheckingServices(bed);
  });
  afterAll(async () => {
    await bed?.close();
  });

  async function approvedClaim(): Promise<string> {
    const reply = await bed.call<SubmitClaimResult>(RpcPatterns.submitClaim, clinicP1, aClaim());
    if (!reply.ok) throw new Error(`submit failed: ${reply.error.detail}`);
    const id = reply.value.id;
    await waitFor(async () => (await view(id)).status === 'approved', { what: 'the claim to be approved' });
    return id;
  }
  async function view(id: string): Promise<ClaimView> {
    const got = await bed.call<ClaimView>(RpcPatterns.getClaim, insurerI1, { id });
    if (!got.ok) throw new Error(got.error.detail);
    return got.value;
  }
  async function timeline(id: string): Promise<string[]> {
    const got = await bed.call<ClaimTimelineResult>(RpcPatterns.claimTimeline, insurerI1, { id });
    if (!got.ok) throw new Error(got.error.detail);
    return got.value.items.map((item) => `${item.status}${item.reason ? `:${item.reason}` : ''}/${item.actor}`);
  }

  it('shows priced lines, then pays the claim once however often each event arrives', async () => {
    const id = await approvedClaim();
    const pricing = aPricing(id, [11000, 3200]);
    const pricingId = randomUUID();
    await bed.publish(Subjects.claimPriced, pricing, pricingId);
    await bed.publish(Subjects.claimPriced, pricing, pricingId);
    await bed.publish(Subjects.payoutRequested, aPayoutRequest(id, 14200));
    await bed.consumed(Subjects.claimPriced);
    await bed.consumed(Subjects.payoutRequested);

    const before = await view(id);
    expect(before.status).toBe('approved');
    expect(before.lines.map((l) => [l.allowed, l.planPays, l.patientPays])).toEqual([
      [14500, 11000, 3500],
      [4000, 3200, 800],
    ]);
    expect(before.totals).toEqual({ charge: 19500, allowed: 18500, planPays: 14200, patientPays: 4300 });
    expect(before.lines.map((l) => l.costSharing)).toEqual([
      { deductible: 0, copay: 0, coinsurance: 3500 },
      { deductible: 0, copay: 0, coinsurance: 800 },
    ]);
    expect(before.payout).toEqual({ status: 'pending', amount: AMOUNT, token: 'HCET' });

    await bed.publish(Subjects.payoutSubmitted, { payoutId: `PO-${id}`, claimId: id, txHash: TX });
    const settled: PayoutSettled = {
      payoutId: `PO-${id}`,
      claimId: id,
      txHash: TX,
      blockNumber: 42,
      tokenAmount: AMOUNT,
    };
    await bed.publish(Subjects.payoutSettled, settled);
    await bed.publish(Subjects.payoutSettled, settled);
    await bed.consumed(Subjects.payoutSettled);
    // A late failure of an earlier attempt cannot undo a confirmed payout. (Each subject has its own
    // consumer, so only a failure handled after the settlement is "late": hence the wait above.)
    await bed.publish(Subjects.payoutFailed, {
      payoutId: `PO-${id}`,
      claimId: id,
      reason: 'REVERTED',
      retrying: true,
    });
    await bed.consumed(Subjects.payoutFailed);

    const paid = await view(id);
    expect(paid.status).toBe('paid');
    expect(paid.payout).toEqual({
      status: 'confirmed',
      amount: AMOUNT,
      token: 'HCET',
      txHash: TX,
      blockNumber: 42,
    });
    expect(await timeline(id)).toEqual(['received/system', 'in_review/system', 'approved/system', 'paid/chain']);
  });

  it('closes an approved claim with nothing to pay', async () => {
    const id = await approvedClaim();
    await bed.publish(Subjects.claimPriced, aPricing(id, [0, 0]));
    await waitFor(async () => (await view(id)).status === 'closed', { what: 'the claim to be closed' });
    expect(await timeline(id)).toEqual([
      'received/system',
      'in_review/system',
      'approved/system',
      'closed:NOTHING_PAYABLE/system',
    ]);
    expect((await view(id)).payout).toBeUndefined();
  });

  it('records a failed payment with its reason, then pays it once the retry goes through', async () => {
    const id = await approvedClaim();
    // The outcome overtakes the pricing and the request: they come down other streams.
    await bed.publish(Subjects.payoutFailed, {
      payoutId: `PO-${id}`,
      claimId: id,
      reason: 'INSUFFICIENT_ESCROW',
      retrying: true,
    });
    await waitFor(async () => (await view(id)).status === 'payment_failed', { what: 'payment_failed' });
    expect((await view(id)).payout).toMatchObject({ status: 'failed', failureReason: 'INSUFFICIENT_ESCROW' });

    await bed.publish(Subjects.claimPriced, aPricing(id, [11000, 3200]));
    await bed.publish(Subjects.payoutRequested, aPayoutRequest(id, 14200));
    await bed.consumed(Subjects.payoutRequested);
    expect((await view(id)).status).toBe('payment_failed');

    await bed.publish(Subjects.payoutSettled, {
      payoutId: `PO-${id}`,
      claimId: id,
      txHash: TX,
      blockNumber: 50,
      tokenAmount: AMOUNT,
    });
    await waitFor(async () => (await view(id)).status === 'paid', { what: 'the claim to be paid' });
    const paid = await view(id);
    expect(paid.payout).toEqual({
      status: 'confirmed',
      amount: AMOUNT,
      token: 'HCET',
      txHash: TX,
      blockNumber: 50,
    });
    expect(paid.totals.planPays).toBe(14200);
    expect(await timeline(id)).toEqual([
      'received/system',
      'in_review/system',
      'approved/system',
      'payment_failed:INSUFFICIENT_ESCROW/chain',
      'paid/chain',
    ]);
  });
});
