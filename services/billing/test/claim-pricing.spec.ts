import { randomUUID } from 'node:crypto';
import {
  RpcPatterns,
  Subjects,
  type ClaimPriced,
  type MemberSnapshot,
  type PayoutRequested,
  type PlanRegistered,
} from '#libs/contracts';
import { Outbox } from '#libs/messaging';
import { inTransaction } from '#libs/persistence';
import { priceApprovedClaim } from '../src/claim-pricing/price-approved-claim.js';
import { priceLines, type Accumulators } from '../src/pricing/price-lines.js';
import { admin, aMember, anAddress, anApprovedClaim, aPlan, insurerA } from './support/billing-builders.js';
import { BillingTestBed } from './support/billing-test-bed.js';

const FEES = [
  { code: '99213', amount: 10_000 },
  { code: '80053', amount: 20_000 },
  { code: '71046', amount: 30_000 },
];

describe('claim pricing and the payout ledger', () => {
  let bed: BillingTestBed;
  let plan: PlanRegistered;

  const enrol = async (): Promise<MemberSnapshot> => {
    const member = aMember(plan.planId);
    await bed.publish(Subjects.memberRegistered, member);
    await bed.consumed(Subjects.memberRegistered);
    return member;
  };
  const pricedEvent = async (claimId: string) =>
    (await bed.waitForEvents<ClaimPriced>(Subjects.claimPriced, { claimId }))[0].envelope.data;
  const accumulatorsOf = async (memberId: string): Promise<Accumulators> => {
    const [row] = await bed.dataSource.query(
      `SELECT deductible_met, oop_met, plan_paid FROM accumulators WHERE member_id = $1 AND plan_year = 2026`,
      [memberId],
    );
    return { deductibleMet: Number(row.deductible_met), oopMet: Number(row.oop_met), planPaid: Number(row.plan_paid) };
  };
  const ledgerOf = async (claimId: string) =>
    bed.dataSource.query(
      `SELECT kind, account, debit::int, credit::int FROM payout_ledger_entries WHERE claim_id = $1 ORDER BY entry_id`,
      [claimId],
    );

  beforeAll(async () => {
    bed = await BillingTestBed.open('bprice');
    plan = aPlan();
    await bed.publish(Subjects.planRegistered, plan);
    await bed.consumed(Subjects.planRegistered);
    await bed.must(RpcPatterns.createProvider, admin, { id: 'P-1', name: 'Clinic One', address: anAddress('c') });
    await bed.must(RpcPatterns.replaceFeeSchedule, insurerA, { entries: FEES });
    await bed.must(RpcPatterns.setNetwork, insurerA, { providerId: 'P-1', status: 'in' });
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('prices an approved claim, stores the accumulators, and asks to pay the provider in token units', async () => {
    const member = await enrol();
    const claim = anApprovedClaim(member)
      .withLine('99213', 'office_visit', 1, 15_000)
      .withLine('80053', 'lab', 1, 60_000)
      .build();
    await bed.publish(Subjects.claimDecided, claim);
    const priced = await pricedEvent(claim.claimId);

    // Visit: copay 25.00 on allowed 100.00. Lab: allowed 200.00, all of it deductible.
    expect(
      priced.lines.map((line) => [line.allowed, line.copay, line.deductible, line.planPays, line.providerWriteOff]),
    ).toEqual([
      [10_000, 2_500, 0, 7_500, 5_000],
      [20_000, 0, 20_000, 0, 40_000],
    ]);
    expect(priced.totals).toEqual({ charge: 75_000, allowed: 30_000, planPays: 7_500, patientPays: 22_500 });
    expect(await accumulatorsOf(member.memberId)).toEqual({ deductibleMet: 20_000, oopMet: 22_500, planPaid: 7_500 });

    const [payout] = await bed.waitForEvents<PayoutRequested>(Subjects.payoutRequested, { claimId: claim.claimId });
    expect(payout.envelope.data).toMatchObject({
      payee: anAddress('c'),
      amount: 7_500,
      tokenAmount: '75000000000000000000',
      token: 'HCET',
      currency: 'USD',
    });
    expect(await ledgerOf(claim.claimId)).toEqual([
      { kind: 'owed', account: 'claims_expense:insurer:INS-A', debit: 7_500, credit: 0 },
      { kind: 'owed', account: 'payable:provider:P-1', debit: 0, credit: 7_500 },
    ]);
  });

  it('prices a decision delivered many times once, and posts its settlement once', async () => {
    const member = await enrol();
    const claim = anApprovedClaim(member).withLine('71046', 'imaging', 1, 30_000).build();
    const envelopeId = randomUUID();
    await bed.publish(Subjects.claimDecided, claim, envelopeId);
    await bed.publish(Subjects.claimDecided, claim, envelopeId);
    await bed.publish(Subjects.claimDecided, claim);
    await bed.publish(Subjects.claimDecided, claim);
    await bed.consumed(Subjects.claimDecided);
    expect(bed.eventsOf(Subjects.claimPriced, claim.claimId)).toHaveLength(1);
    expect(bed.eventsOf(Subjects.payoutRequested, claim.claimId)).toHaveLength(0);
    expect(await accumulatorsOf(member.memberId)).toEqual({ deductibleMet: 30_000, oopMet: 30_000, planPaid: 0 });

    const paid = anApprovedClaim(member).withLine('71046', 'imaging', 1, 30_000).build();
    await bed.publish(Subjects.claimDecided, paid);
    const [request] = await bed.waitForEvents<PayoutRequested>(Subjects.payoutRequested, { claimId: paid.claimId });
    const settled = {
      payoutId: request.envelope.data.payoutId,
      claimId: paid.claimId,
      txHash: `0x${'ab'.repeat(32)}`,
      blockNumber: 7,
      tokenAmount: request.envelope.data.tokenAmount,
    };
    await bed.publish(Subjects.payoutSettled, settled);
    await bed.publish(Subjects.payoutSettled, settled);
    await bed.consumed(Subjects.payoutSettled);
    const ledger: { kind: string; account: string; debit: number; credit: number }[] = await ledgerOf(paid.claimId);
    expect(ledger.map((entry) => entry.kind)).toEqual(['owed', 'owed', 'paid', 'paid']);
    const payable = ledger.filter((entry) => entry.account === 'payable:provider:P-1');
    expect(payable.reduce((sum, entry) => sum + entry.credit - entry.debit, 0)).toBe(0);
    const [payout] = await bed.dataSource.query(`SELECT status, tx_hash FROM payouts WHERE claim_id = $1`, [
      paid.claimId,
    ]);
    expect(payout).toEqual({ status: 'settled', tx_hash: settled.txHash });
  });

  it('takes the deductible once when 20 claims of one member are priced at once', async () => {
    const member = await enrol();
    const claims = Array.from({ length: 20 }, () =>
      anApprovedClaim(member).withLine('80053', 'lab', 1, 20_000).withLine('71046', 'imaging', 1, 30_000).build(),
    );
    await Promise.all(claims.map((claim) => bed.publish(Subjects.claimDecided, claim)));
    const priced = await Promise.all(claims.map((claim) => pricedEvent(claim.claimId)));

    let oneByOne: Accumulators = { deductibleMet: 0, oopMet: 0, planPaid: 0 };
    for (const claim of claims) {
      oneByOne = priceLines({
        benefits: plan.benefits,
        network: 'in',
        fees: new Map(FEES.map((fee) => [fee.code, fee.amount])),
        accumulators: oneByOne,
        lines: claim.lines.map((line) => ({ ...line, category: line.category!, coverage: { status: 'covered' } })),
      }).accumulators;
    }
    expect(await accumulatorsOf(member.memberId)).toEqual(oneByOne);
    const deductibleTaken = priced.flatMap((event) => event.lines).reduce((sum, line) => sum + line.deductible, 0);
    expect(deductibleTaken).toBe(plan.benefits.deductible);
    expect(priced.reduce((sum, event) => sum + event.totals.planPays, 0)).toBe(oneByOne.planPaid);
  });

  it('serialises 20 pricing transactions of one member on its accumulator row', async () => {
    const member = await enrol();
    const claims = Array.from({ length: 20 }, () =>
      anApprovedClaim(member).withLine('80053', 'lab', 1, 20_000).build(),
    );
    const outbox = bed.app.get(Outbox);
    const token = { symbol: 'HCET', decimals: 18 };
    // Each in its own transaction and connection, all at once: only the row lock keeps them apart.
    await Promise.all(
      claims.map((claim) =>
        inTransaction(bed.dataSource, (manager) =>
          priceApprovedClaim(manager, outbox, claim, { correlationId: randomUUID(), causationId: null }, token),
        ),
      ),
    );
    // 20 × 200.00 allowed: 500.00 deductible, then 20 % of the remaining 3,500.00.
    expect(await accumulatorsOf(member.memberId)).toEqual({
      deductibleMet: 50_000,
      oopMet: 120_000,
      planPaid: 280_000,
    });
  });

  it('prices a denied line to zero and pays nothing when nothing is payable', async () => {
    const member = await enrol();
    const claim = anApprovedClaim(member)
      .withDeniedLine('70551', 'EXCLUDED', 90_000)
      .withLine('J1100', 'drug', 1, 5_000)
      .build();
    await bed.publish(Subjects.claimDecided, claim);
    const priced = await pricedEvent(claim.claimId);
    expect(priced.lines.map((line) => [line.status, line.reason, line.planPays, line.patientPays])).toEqual([
      ['denied', 'EXCLUDED', 0, 90_000],
      ['denied', 'NO_FEE_SCHEDULE', 0, 0],
    ]);
    expect(priced.totals.planPays).toBe(0);
    await bed.consumed(Subjects.claimDecided);
    expect(bed.eventsOf(Subjects.payoutRequested, claim.claimId)).toHaveLength(0);
  });

  it('keeps the payout of a provider billing does not know owed, and requests it once the provider registers', async () => {
    const member = await enrol();
    const claim = anApprovedClaim(member, 'P-LATE').withLine('99213', 'office_visit', 1, 10_000).build();
    await bed.publish(Subjects.claimDecided, claim);
    await pricedEvent(claim.claimId);
    await bed.consumed(Subjects.claimDecided);
    expect(bed.eventsOf(Subjects.payoutRequested, claim.claimId)).toHaveLength(0);
    const [waiting] = await bed.dataSource.query(`SELECT status FROM payouts WHERE claim_id = $1`, [claim.claimId]);
    expect(waiting).toEqual({ status: 'awaiting_provider' });

    await bed.must(RpcPatterns.createProvider, admin, { id: 'P-LATE', name: 'Late Clinic', address: anAddress('d') });
    const [payout] = await bed.waitForEvents<PayoutRequested>(Subjects.payoutRequested, { claimId: claim.claimId });
    expect(payout.envelope.data).toMatchObject({ payee: anAddress('d'), amount: 7_500 });
  });
});
