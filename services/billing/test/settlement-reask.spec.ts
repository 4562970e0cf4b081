import { RpcPatterns, Subjects, type ClaimPriced, type PayoutRequested, type PlanRegistered } from '#libs/contracts';
import { admin, aMember, anAddress, anApprovedClaim, aPlan, insurerA } from './support/billing-builders.js';
import { BillingTestBed } from './support/billing-test-bed.js';

describe('the saga asks again for the pricing and payout of an approved claim', () => {
  let bed: BillingTestBed;
  let plan: PlanRegistered;

  const enrolled = async () => {
    const member = aMember(plan.planId);
    await bed.publish(Subjects.memberRegistered, member);
    await bed.consumed(Subjects.memberRegistered);
    return member;
  };
  const accumulatorRows = async (memberId: string) =>
    bed.dataSource.query(`SELECT deductible_met, oop_met, plan_paid FROM accumulators WHERE member_id = $1`, [
      memberId,
    ]);

  /**
   * Waits until the relay has published two events of each subject about the claim: the consumer acks
   * when its transaction commits, and the outbox relay publishes after that.
   */
  const relayed = async (claimId: string, subjects: string[]) => {
    for (const subject of subjects) await bed.waitForEvents(subject, { claimId, count: 2 });
  };

  beforeAll(async () => {
    bed = await BillingTestBed.open('breask');
    plan = aPlan();
    await bed.publish(Subjects.planRegistered, plan);
    await bed.consumed(Subjects.planRegistered);
    await bed.must(RpcPatterns.createProvider, admin, { id: 'P-1', name: 'Clinic One', address: anAddress('c') });
    await bed.must(RpcPatterns.replaceFeeSchedule, insurerA, { entries: [{ code: '99213', amount: 10_000 }] });
    await bed.must(RpcPatterns.setNetwork, insurerA, { providerId: 'P-1', status: 'in' });
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('prices from the request a claim whose decided event never arrived, once', async () => {
    const member = await enrolled();
    const decided = anApprovedClaim(member).withLine('99213', 'office_visit', 1, 15_000).build();
    await bed.publish(Subjects.settlementRequested, { stage: 'pricing', attempt: 2, decided });
    await bed.publish(Subjects.settlementRequested, { stage: 'pricing', attempt: 3, decided });
    await bed.consumed(Subjects.settlementRequested);
    await relayed(decided.claimId, [Subjects.claimPriced, Subjects.payoutRequested]);

    const priced = bed.eventsOf(Subjects.claimPriced, decided.claimId).map((m) => m.envelope.data as ClaimPriced);
    // Twice announced (priced, then announced again on the second ask), identical, and priced once.
    expect(priced).toHaveLength(2);
    expect(priced[1]).toEqual(priced[0]);
    expect(priced[0].totals.planPays).toBe(7_500);
    const requests = bed.eventsOf(Subjects.payoutRequested, decided.claimId);
    expect(requests.map((m) => (m.envelope.data as PayoutRequested).tokenAmount)).toEqual([
      '75000000000000000000',
      '75000000000000000000',
    ]);
    expect(await accumulatorRows(member.memberId)).toEqual([
      { deductible_met: '0', oop_met: '2500', plan_paid: '7500' },
    ]);
    const pricings = await bed.dataSource.query(`SELECT count(*)::int AS n FROM claim_pricings WHERE claim_id = $1`, [
      decided.claimId,
    ]);
    expect(pricings).toEqual([{ n: 1 }]);
  });

  it('announces again the pricing and payout of a claim priced long ago, and a settled payout too', async () => {
    const member = await enrolled();
    const decided = anApprovedClaim(member).withLine('99213', 'office_visit', 1, 15_000).build();
    await bed.publish(Subjects.claimDecided, decided);
    const [request] = await bed.waitForEvents<PayoutRequested>(Subjects.payoutRequested, { claimId: decided.claimId });
    await bed.publish(Subjects.payoutSettled, {
      payoutId: request.envelope.data.payoutId,
      claimId: decided.claimId,
      txHash: `0x${'cd'.repeat(32)}`,
      blockNumber: 9,
      tokenAmount: request.envelope.data.tokenAmount,
    });
    await bed.consumed(Subjects.payoutSettled);

    await bed.publish(Subjects.settlementRequested, { stage: 'payout', attempt: 2, decided });
    await bed.consumed(Subjects.settlementRequested);
    await relayed(decided.claimId, [Subjects.claimPriced, Subjects.payoutRequested]);
    const again = bed.eventsOf(Subjects.payoutRequested, decided.claimId).map((m) => m.envelope.data);
    expect(again).toEqual([request.envelope.data, request.envelope.data]);
    expect(bed.eventsOf(Subjects.claimPriced, decided.claimId)).toHaveLength(2);
    expect(await accumulatorRows(member.memberId)).toEqual([
      { deductible_met: '0', oop_met: '2500', plan_paid: '7500' },
    ]);
  });

  it('announces a claim with nothing payable as priced, and asks for no payout', async () => {
    const member = await enrolled();
    const decided = anApprovedClaim(member).withLine('99213', 'office_visit', 1, 15_000).build();
    const denied = { ...decided, lines: decided.lines.map((line) => ({ ...line, status: 'denied' as const })) };
    await bed.publish(Subjects.settlementRequested, { stage: 'pricing', attempt: 2, decided: denied });
    await bed.publish(Subjects.settlementRequested, { stage: 'pricing', attempt: 3, decided: denied });
    await bed.consumed(Subjects.settlementRequested);
    await relayed(decided.claimId, [Subjects.claimPriced]);
    const priced = bed.eventsOf(Subjects.claimPriced, decided.claimId).map((m) => m.envelope.data as ClaimPriced);
    expect(priced.map((event) => event.totals.planPays)).toEqual([0, 0]);
    expect(bed.eventsOf(Subjects.payoutRequested, decided.claimId)).toHaveLength(0);
  });
});
