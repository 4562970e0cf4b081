import { RpcPatterns, type EligibilityView, type MemberView, type PlanView, type QuoteView } from '#libs/contracts';
import {
  admin,
  aMember,
  analyst,
  anInsurer,
  aPlan,
  clinic,
  insurerA,
  insurerB,
  patient,
} from './support/underwriting-builders.js';
import { UnderwritingTestBed } from './support/underwriting-test-bed.js';

describe('eligibility and premium quotes over request/reply', () => {
  let bed: UnderwritingTestBed;
  let plan: PlanView;
  let member: MemberView;

  beforeAll(async () => {
    bed = await UnderwritingTestBed.open('uelq');
    await bed.must(RpcPatterns.createInsurer, admin, anInsurer('INS-A'));
    await bed.must(RpcPatterns.createInsurer, admin, anInsurer('INS-B'));
    plan = await bed.must<PlanView>(RpcPatterns.createPlan, insurerA, aPlan({ waitingPeriodDays: 30 }));
    member = await bed.must<MemberView>(
      RpcPatterns.createMember,
      insurerA,
      aMember(plan.id, { coverageStart: '2026-01-01', coverageEnd: '2026-12-31' }),
    );
  });
  afterAll(async () => {
    await bed?.close();
  });

  const eligibility = (caller = insurerA, date = '2026-03-01', memberId = member.id) =>
    bed.call<EligibilityView>(RpcPatterns.memberEligibility, caller, { memberId, date });

  describe('eligibility', () => {
    it('shows an active member eligible, with the plan', async () => {
      expect(await eligibility()).toEqual({
        ok: true,
        value: { memberId: member.id, insurerId: 'INS-A', date: '2026-03-01', eligible: true, reasons: [], plan },
      });
    });

    it('gives the coverage decision’s reasons: the waiting period, then outside coverage', async () => {
      expect(await eligibility(insurerA, '2026-01-15')).toMatchObject({
        ok: true,
        value: { eligible: false, reasons: ['WAITING_PERIOD'] },
      });
      expect(await eligibility(insurerA, '2027-01-01')).toMatchObject({
        ok: true,
        value: { eligible: false, reasons: ['NOT_ELIGIBLE'] },
      });
    });

    it('shows a cancelled member NOT_ELIGIBLE', async () => {
      const cancelled = await bed.must<MemberView>(RpcPatterns.createMember, insurerA, aMember(plan.id));
      await bed.must(RpcPatterns.updateMember, insurerA, { id: cancelled.id, status: 'cancelled' });
      expect(await eligibility(insurerA, '2026-03-01', cancelled.id)).toMatchObject({
        ok: true,
        value: { eligible: false, reasons: ['NOT_ELIGIBLE'] },
      });
    });

    it('answers any clinic and the member themself, and NOT_FOUND to another insurer or another patient', async () => {
      expect(await eligibility(clinic)).toMatchObject({ ok: true });
      expect(await eligibility(patient(member.id))).toMatchObject({ ok: true });
      expect(await eligibility(insurerB)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await eligibility(patient('M-OTHER'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await eligibility(insurerA, '2026-03-01', 'M-NOBODY')).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await eligibility(analyst)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });

    it('names a date that is not a date', async () => {
      expect(await eligibility(insurerA, '2026-02-30')).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', errors: [{ field: 'date' }] },
      });
    });
  });

  describe('quotes', () => {
    const applicant = { birthDate: '1950-01-01', smoker: true, chronicConditions: ['asthma', 'diabetes'] };

    it('quotes an applicant on its own plan with every factor and its effect', async () => {
      const reply = await bed.call<QuoteView>(RpcPatterns.createQuote, insurerA, { planId: plan.id, applicant });
      // base 506000 (docs/rating-model.md) × 2.10 (65+) × 1.50 × 1.30
      expect(reply).toEqual({
        ok: true,
        value: {
          planId: plan.id,
          currency: 'USD',
          annualPremium: 2_072_070,
          riskScore: 78,
          factors: [
            { name: 'plan base rate (USD minor units)', effect: '506000' },
            { name: 'age 65+', effect: '×2.10' },
            { name: 'smoker', effect: '×1.50' },
            { name: 'chronic conditions: 2', effect: '×1.30' },
          ],
        },
      });
    });

    it('answers NOT_FOUND for another insurer’s plan or none, and VALIDATION for a bad applicant', async () => {
      expect(await bed.call(RpcPatterns.createQuote, insurerB, { planId: plan.id, applicant })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await bed.call(RpcPatterns.createQuote, insurerA, { planId: 'PLAN-NOPE', applicant })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      const unborn = { ...applicant, birthDate: '2999-01-01' };
      expect(await bed.call(RpcPatterns.createQuote, insurerA, { planId: plan.id, applicant: unborn })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', errors: [{ field: 'applicant.birthDate' }] },
      });
      expect(await bed.call(RpcPatterns.createQuote, clinic, { planId: plan.id, applicant })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    });
  });
});
