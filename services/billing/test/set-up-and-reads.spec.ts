import {
  RpcPatterns,
  Subjects,
  type AccumulatorsView,
  type ClaimPriced,
  type FeeScheduleView,
  type MemberSnapshot,
  type NetworkView,
  type PayoutRequested,
  type PlanRegistered,
  type Principal,
  type ProviderRegistered,
} from '#libs/contracts';
import { admin, aMember, anAddress, anApprovedClaim, aPlan, insurerA } from './support/billing-builders.js';
import { BillingTestBed } from './support/billing-test-bed.js';

const insurerB: Principal = { sub: 'b-user', role: 'insurer', org: 'INS-B' };
const clinic: Principal = { sub: 'clinic-user', role: 'clinic', org: 'P-1' };

describe('billing set-up (providers, fee schedules, network) and what it reads from underwriting', () => {
  let bed: BillingTestBed;
  let plan: PlanRegistered;

  beforeAll(async () => {
    bed = await BillingTestBed.open('bsetup');
    plan = aPlan();
    await bed.publish(Subjects.planRegistered, plan);
    await bed.consumed(Subjects.planRegistered);
  });
  afterAll(async () => {
    await bed?.close();
  });

  const scheduleOf = (insurerId: string) =>
    bed.dataSource.query(`SELECT code, amount::int FROM fee_schedule_entries WHERE insurer_id = $1 ORDER BY code`, [
      insurerId,
    ]);
  const enrol = async (): Promise<MemberSnapshot> => {
    const member = aMember(plan.planId);
    await bed.publish(Subjects.memberRegistered, member);
    await bed.consumed(Subjects.memberRegistered);
    return member;
  };
  const priced = async (member: MemberSnapshot, providerId: string, code: string, charge: number) => {
    const claim = anApprovedClaim(member, providerId).withLine(code, 'lab', 1, charge).build();
    await bed.publish(Subjects.claimDecided, claim);
    const [event] = await bed.waitForEvents<ClaimPriced>(Subjects.claimPriced, { claimId: claim.claimId });
    return event.envelope.data;
  };

  describe('providers', () => {
    it('registers a provider and announces it; the same id again is a conflict naming the id', async () => {
      const body = { id: 'P-REG', name: 'Clinic Reg', address: anAddress('d') };
      expect(await bed.call(RpcPatterns.createProvider, admin, body)).toEqual({
        ok: true,
        value: expect.objectContaining(body),
      });
      const [event] = await bed.waitForEvents<ProviderRegistered>(Subjects.providerRegistered);
      expect(event.envelope.data).toEqual({ providerId: 'P-REG', name: 'Clinic Reg', address: anAddress('d') });

      const again = await bed.call(RpcPatterns.createProvider, admin, { ...body, name: 'Another' });
      expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', errors: [{ field: 'id' }] } });
      expect(bed.eventsOf(Subjects.providerRegistered)).toHaveLength(1);
    });

    it('lets only an admin register, and names a malformed address', async () => {
      const body = { id: 'P-NOPE', name: 'Nope', address: anAddress('e') };
      expect(await bed.call(RpcPatterns.createProvider, insurerA, body)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(await bed.call(RpcPatterns.createProvider, admin, { ...body, address: '0x123' })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', errors: [{ field: 'address' }] },
      });
      expect(await bed.dataSource.query(`SELECT provider_id FROM providers WHERE provider_id = 'P-NOPE'`)).toEqual([]);
    });

    it('keeps an NPI with the provider, unique across providers, and finds the provider by it', async () => {
      const body = { id: 'P-NPI', name: 'Clinic NPI', address: anAddress('c'), npi: '1234567893' };
      expect(await bed.call(RpcPatterns.createProvider, admin, body)).toEqual({
        ok: true,
        value: expect.objectContaining(body),
      });
      const taken = await bed.call(RpcPatterns.createProvider, admin, { ...body, id: 'P-NPI-2' });
      expect(taken).toMatchObject({ ok: false, error: { code: 'CONFLICT', errors: [{ field: 'npi' }] } });
      expect(await bed.dataSource.query(`SELECT provider_id FROM providers WHERE provider_id = 'P-NPI-2'`)).toEqual([]);

      expect(await bed.call(RpcPatterns.providerByNpi, clinic, { npi: '1234567893' })).toEqual({
        ok: true,
        value: expect.objectContaining({ id: 'P-NPI', npi: '1234567893' }),
      });
      // 9941339100 has a valid check digit but belongs to no provider here.
      expect(await bed.call(RpcPatterns.providerByNpi, clinic, { npi: '9941339100' })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    });

    it('refuses an NPI whose check digit is wrong, storing nothing', async () => {
      const body = { id: 'P-BAD-NPI', name: 'Bad NPI', address: anAddress('b'), npi: '1234567995' };
      expect(await bed.call(RpcPatterns.createProvider, admin, body)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', errors: [{ field: 'npi' }] },
      });
      expect(await bed.call(RpcPatterns.providerByNpi, clinic, { npi: '1234567995' })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
      expect(await bed.dataSource.query(`SELECT provider_id FROM providers WHERE provider_id = 'P-BAD-NPI'`)).toEqual(
        [],
      );
    });
  });

  describe('fee schedules', () => {
    it('replaces the caller’s whole schedule, leaving other insurers’ alone', async () => {
      await bed.must(RpcPatterns.replaceFeeSchedule, insurerB, { entries: [{ code: '99213', amount: 9_000 }] });
      const first = await bed.must<FeeScheduleView>(RpcPatterns.replaceFeeSchedule, insurerA, {
        entries: [
          { code: '99213', amount: 10_000 },
          { code: '80053', amount: 20_000 },
        ],
      });
      expect(first).toEqual({
        insurerId: 'INS-A',
        entries: [
          { code: '99213', amount: 10_000 },
          { code: '80053', amount: 20_000 },
        ],
        updatedAt: expect.any(String),
      });

      await bed.must(RpcPatterns.replaceFeeSchedule, insurerA, { entries: [{ code: '71046', amount: 30_000 }] });
      expect(await scheduleOf('INS-A')).toEqual([{ code: '71046', amount: 30_000 }]);
      expect(await scheduleOf('INS-B')).toEqual([{ code: '99213', amount: 9_000 }]);

      await bed.must(RpcPatterns.replaceFeeSchedule, insurerB, { entries: [] });
      expect(await scheduleOf('INS-B')).toEqual([]);
    });

    it('refuses a code listed twice, naming the second, and keeps the schedule it had', async () => {
      await bed.must(RpcPatterns.replaceFeeSchedule, insurerA, { entries: [{ code: '71046', amount: 30_000 }] });
      const twice = await bed.call(RpcPatterns.replaceFeeSchedule, insurerA, {
        entries: [
          { code: '80053', amount: 1 },
          { code: '80053', amount: 2 },
        ],
      });
      expect(twice).toMatchObject({ ok: false, error: { code: 'VALIDATION', errors: [{ field: 'entries[1].code' }] } });
      expect(await bed.call(RpcPatterns.replaceFeeSchedule, clinic, { entries: [] })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(await scheduleOf('INS-A')).toEqual([{ code: '71046', amount: 30_000 }]);
    });

    it('prices the next claim with the replaced schedule', async () => {
      await bed.must(RpcPatterns.createProvider, admin, { id: 'P-FEE', name: 'Fee Clinic', address: anAddress('f') });
      await bed.must(RpcPatterns.setNetwork, insurerA, { providerId: 'P-FEE', status: 'in' });
      const member = await enrol();
      await bed.must(RpcPatterns.replaceFeeSchedule, insurerA, { entries: [{ code: '80053', amount: 20_000 }] });
      expect((await priced(member, 'P-FEE', '80053', 60_000)).lines[0].allowed).toBe(20_000);
      await bed.must(RpcPatterns.replaceFeeSchedule, insurerA, { entries: [{ code: '80053', amount: 12_000 }] });
      expect((await priced(member, 'P-FEE', '80053', 60_000)).lines[0].allowed).toBe(12_000);
    });
  });

  describe('network', () => {
    it('prices a provider out of network until the insurer puts it in, and back out', async () => {
      await bed.must(RpcPatterns.createProvider, admin, { id: 'P-NET', name: 'Net Clinic', address: anAddress('9') });
      await bed.must(RpcPatterns.replaceFeeSchedule, insurerA, { entries: [{ code: '80053', amount: 20_000 }] });
      const member = await enrol();
      expect((await priced(member, 'P-NET', '80053', 20_000)).network).toBe('out');

      const inNetwork = await bed.must<NetworkView>(RpcPatterns.setNetwork, insurerA, {
        providerId: 'P-NET',
        status: 'in',
      });
      expect(inNetwork).toEqual({
        insurerId: 'INS-A',
        providerId: 'P-NET',
        status: 'in',
        updatedAt: expect.any(String),
      });
      expect((await priced(member, 'P-NET', '80053', 20_000)).network).toBe('in');

      const out = await bed.must<NetworkView>(RpcPatterns.setNetwork, insurerA, { providerId: 'P-NET', status: 'out' });
      expect(Date.parse(out.updatedAt)).toBeGreaterThanOrEqual(Date.parse(inNetwork.updatedAt));
      expect((await priced(member, 'P-NET', '80053', 20_000)).network).toBe('out');
      expect(await bed.dataSource.query(`SELECT insurer_id, status FROM network WHERE provider_id = 'P-NET'`)).toEqual([
        { insurer_id: 'INS-A', status: 'out' },
      ]);
    });

    it('refuses a provider billing does not know, and a status other than in or out, naming the field', async () => {
      expect(await bed.call(RpcPatterns.setNetwork, insurerA, { providerId: 'P-GHOST', status: 'in' })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', errors: [{ field: 'providerId' }] },
      });
      expect(await bed.call(RpcPatterns.setNetwork, insurerA, { providerId: 'P-NET', status: 'maybe' })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', errors: [{ field: 'status' }] },
      });
      expect(await bed.call(RpcPatterns.setNetwork, clinic, { providerId: 'P-NET', status: 'in' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(await bed.dataSource.query(`SELECT 1 FROM network WHERE provider_id = 'P-GHOST'`)).toEqual([]);
    });
  });

  describe('read models of underwriting', () => {
    it('keeps the newest member snapshot whatever order the snapshots arrive in', async () => {
      const member = aMember(plan.planId);
      const newer = { ...member, planId: 'PLAN-NEWER', version: 3 };
      await bed.publish(Subjects.memberUpdated, newer);
      await bed.consumed(Subjects.memberUpdated);
      await bed.publish(Subjects.memberRegistered, member);
      await bed.publish(Subjects.memberUpdated, { ...member, planId: 'PLAN-OLDER', version: 2 });
      await bed.consumed(Subjects.memberRegistered);
      await bed.consumed(Subjects.memberUpdated);
      expect(
        await bed.dataSource.query(`SELECT plan_id, version FROM billing_members WHERE member_id = $1`, [
          member.memberId,
        ]),
      ).toEqual([{ plan_id: 'PLAN-NEWER', version: 3 }]);
    });

    it('keeps a plan as first announced: a replay with other benefits changes nothing', async () => {
      await bed.publish(Subjects.planRegistered, { ...plan, benefits: { ...plan.benefits, deductible: 1 } });
      await bed.consumed(Subjects.planRegistered);
      const [row] = await bed.dataSource.query(`SELECT benefits FROM billing_plans WHERE plan_id = $1`, [plan.planId]);
      expect(row.benefits).toEqual(plan.benefits);
    });
  });

  describe('accumulators', () => {
    const patientOf = (memberId: string): Principal => ({ sub: `p-${memberId}`, role: 'patient', patient: memberId });

    it('answers zeros for a member nothing was priced for, and the year’s totals once a claim is priced', async () => {
      await bed.must(RpcPatterns.createProvider, admin, { id: 'P-ACC', name: 'Acc Clinic', address: anAddress('8') });
      await bed.must(RpcPatterns.setNetwork, insurerA, { providerId: 'P-ACC', status: 'in' });
      await bed.must(RpcPatterns.replaceFeeSchedule, insurerA, { entries: [{ code: '80053', amount: 20_000 }] });
      const member = await enrol();
      const ask = { memberId: member.memberId, year: 2026 };
      expect(await bed.must<AccumulatorsView>(RpcPatterns.memberAccumulators, insurerA, ask)).toEqual({
        year: 2026,
        deductibleMet: 0,
        oopMet: 0,
        planPaid: 0,
      });

      const claim = await priced(member, 'P-ACC', '80053', 60_000);
      expect(await bed.must<AccumulatorsView>(RpcPatterns.memberAccumulators, patientOf(member.memberId), ask)).toEqual(
        {
          year: 2026,
          deductibleMet: 20_000,
          oopMet: claim.totals.patientPays,
          planPaid: claim.totals.planPays,
        },
      );
      expect(await bed.must(RpcPatterns.memberAccumulators, clinic, { ...ask, year: 2027 })).toEqual({
        year: 2027,
        deductibleMet: 0,
        oopMet: 0,
        planPaid: 0,
      });
      expect(await bed.call(RpcPatterns.memberAccumulators, patientOf('M-SOMEONE-ELSE'), ask)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    });
  });

  describe('payout settlements', () => {
    it('ignores a settlement naming a payout of another claim, and one billing never asked for', async () => {
      await bed.must(RpcPatterns.createProvider, admin, { id: 'P-PAY', name: 'Pay Clinic', address: anAddress('7') });
      await bed.must(RpcPatterns.setNetwork, insurerA, { providerId: 'P-PAY', status: 'in' });
      await bed.must(RpcPatterns.replaceFeeSchedule, insurerA, { entries: [{ code: '99213', amount: 10_000 }] });
      const member = await enrol();
      const claim = anApprovedClaim(member, 'P-PAY').withLine('99213', 'office_visit', 1, 10_000).build();
      await bed.publish(Subjects.claimDecided, claim);
      const [request] = await bed.waitForEvents<PayoutRequested>(Subjects.payoutRequested, { claimId: claim.claimId });
      const { payoutId, tokenAmount } = request.envelope.data;

      const txHash = `0x${'ab'.repeat(32)}`;
      await bed.publish(Subjects.payoutSettled, {
        payoutId,
        claimId: anApprovedClaim(member).build().claimId,
        txHash,
        blockNumber: 7,
        tokenAmount,
      });
      await bed.publish(Subjects.payoutSettled, {
        payoutId: 'payout-of-another-deployment',
        claimId: claim.claimId,
        txHash,
        blockNumber: 7,
        tokenAmount,
      });
      await bed.consumed(Subjects.payoutSettled);

      expect(
        await bed.dataSource.query(`SELECT status, tx_hash FROM payouts WHERE payout_id = $1`, [payoutId]),
      ).toEqual([{ status: 'requested', tx_hash: null }]);
      const kinds = await bed.dataSource.query(`SELECT kind FROM payout_ledger_entries WHERE claim_id = $1`, [
        claim.claimId,
      ]);
      expect(kinds.map((row: { kind: string }) => row.kind)).toEqual(['owed', 'owed']);
    });
  });
});
