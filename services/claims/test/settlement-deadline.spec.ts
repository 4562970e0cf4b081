import {
  RpcPatterns,
  Subjects,
  type ClaimDecided,
  type ClaimView,
  type SettlementRequested,
  type SubmitClaimResult,
} from '#libs/contracts';
import { OPS_AUTHORIZATION, waitFor } from '#libs/testing';
import { aClaim, aPayoutRequest, aPricing, clinicP1, insurerI1 } from './support/claim-builders.js';
import { ClaimsTestBed } from './support/claims-test-bed.js';
import { playCheckingServices } from './support/checking-services.js';

describe('deadlines after the decision: an approved claim is followed until it is paid', () => {
  let bed: ClaimsTestBed;

  beforeAll(async () => {
    bed = await ClaimsTestBed.open('csdl', { CLAIMS_CHECK_DEADLINE_MS: '300', CLAIMS_CHECK_DEADLINE_MAX_MS: '600' });
    playCheckingServices(bed, { holdMembers: ['M-HELD'] });
  });
  afterAll(async () => {
    await bed?.close();
  });

  const view = async (id: string): Promise<ClaimView> => {
    const got = await bed.call<ClaimView>(RpcPatterns.getClaim, insurerI1, { id });
    if (!got.ok) throw new Error(got.error.detail);
    return got.value;
  };
  const reasks = (id: string): SettlementRequested[] =>
    bed
      .eventsOf(Subjects.settlementRequested, id)
      .map((message) => message.envelope.data as SettlementRequested)
      .filter((request) => request.decided.claimId === id);
  const overdue = async (): Promise<Record<string, number>> => {
    const scrape = await fetch(`${await bed.app.getUrl()}/metrics`, { headers: OPS_AUTHORIZATION }).then((response) =>
      response.text(),
    );
    const lines = scrape.split('\n').filter((line) => line.startsWith('claims_past_deadline{'));
    return Object.fromEntries(
      lines.map((line) => [/deadline="(\w+)"/.exec(line)?.[1] ?? '?', Number(line.split(' ').at(-1))]),
    );
  };

  it('re-asks for the pricing, then the payout, while they are overdue, and stops once the claim is paid', async () => {
    const reply = await bed.call<SubmitClaimResult>(RpcPatterns.submitClaim, clinicP1, aClaim());
    if (!reply.ok) throw new Error(reply.error.detail);
    const id = reply.value.id;
    const decided = await waitFor(
      () => bed.eventsOf(Subjects.claimDecided, id)[0]?.envelope.data as ClaimDecided | undefined,
      { what: 'the approval' },
    );

    // Billing never answers: the approval is asked for again, carrying the decision itself.
    const pricingAsks = await waitFor(() => (reasks(id).length >= 2 ? reasks(id) : undefined), {
      what: 'two re-asks of the pricing',
      timeoutMs: 10_000,
    });
    expect(pricingAsks.slice(0, 2).map((ask) => [ask.stage, ask.attempt])).toEqual([
      ['pricing', 2],
      ['pricing', 3],
    ]);
    expect(pricingAsks[0].decided).toEqual(decided);
    expect((await overdue()).pricing).toBe(1);

    // Priced, with something to pay: now the payout is what is awaited.
    await bed.publish(Subjects.claimPriced, aPricing(id, [11_000, 3_200]));
    await bed.publish(Subjects.payoutRequested, aPayoutRequest(id, 14_200));
    await bed.consumed(Subjects.claimPriced);
    const payoutAsk = await waitFor(() => reasks(id).find((ask) => ask.stage === 'payout'), {
      what: 'a re-ask of the payout',
      timeoutMs: 10_000,
    });
    expect(payoutAsk.attempt).toBeGreaterThan(pricingAsks.length);
    expect(await overdue()).toMatchObject({ pricing: 0, payout: 1 });

    await bed.publish(Subjects.payoutSettled, {
      payoutId: `PO-${id}`,
      claimId: id,
      txHash: `0x${'ab'.repeat(32)}`,
      blockNumber: 3,
      tokenAmount: '14200' + '0'.repeat(16),
    });
    await waitFor(async () => (await view(id)).status === 'paid', { what: 'the claim to be paid' });
    await waitFor(
      async () => {
        const [saga] = await bed.dataSource.query(
          `SELECT settlement_deadline_at FROM claim_sagas WHERE claim_id = $1`,
          [id],
        );
        return saga.settlement_deadline_at === null;
      },
      { what: 'the paid claim to leave the settlement scan', timeoutMs: 5_000 },
    );
    const asked = reasks(id).length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(reasks(id)).toHaveLength(asked);
    expect(await overdue()).toMatchObject({ pricing: 0, payout: 0 });
  });

  it('asks nothing after a denial', async () => {
    const reply = await bed.call<SubmitClaimResult>(RpcPatterns.submitClaim, clinicP1, aClaim({ memberId: 'M-HELD' }));
    if (!reply.ok) throw new Error(reply.error.detail);
    const id = reply.value.id;
    await waitFor(async () => (await view(id)).status === 'pending_review', { what: 'the fraud hold' });
    await bed.publish(Subjects.flagDecided, { claimId: id, flagId: `F-${id}`, decision: 'confirm' });
    const claim = await waitFor(async () => ((await view(id)).status === 'denied' ? view(id) : undefined), {
      what: 'the denial',
    });
    expect(claim.status).toBe('denied');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(reasks(id)).toEqual([]);
  });
});
