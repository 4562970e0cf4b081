import {
  RpcPatterns,
  Subjects,
  type AccumulatorsView,
  type CoveragePreviewLine,
  type CreateEstimatePayload,
  type EstimateCreated,
  type EstimateView,
  type ListEstimatesResult,
  type MemberSnapshot,
  type PlanRegistered,
  type Principal,
} from '#libs/contracts';
import { admin, aMember, anAddress, aPlan, insurerA } from './support/billing-builders.js';
import { BillingTestBed } from './support/billing-test-bed.js';

const clinicOf = (providerId: string): Principal => ({ sub: `${providerId}-desk`, role: 'clinic', org: providerId });
const patientOf = (memberId: string): Principal => ({ sub: `p-${memberId}`, role: 'patient', patient: memberId });
const insurerB: Principal = { sub: 'b-user', role: 'insurer', org: 'INS-B' };
const clinic = clinicOf('P-EST');

const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('estimates priced by billing from underwriting’s coverage preview', () => {
  let bed: BillingTestBed;
  let plan: PlanRegistered;
  let member: MemberSnapshot;

  beforeAll(async () => {
    bed = await BillingTestBed.open('bestim');
    plan = aPlan();
    member = aMember(plan.planId);
    await bed.publish(Subjects.planRegistered, plan);
    await bed.publish(Subjects.memberRegistered, member);
    await bed.consumed(Subjects.planRegistered);
    await bed.consumed(Subjects.memberRegistered);
    await bed.must(RpcPatterns.createProvider, admin, { id: 'P-EST', name: 'Estimating', address: anAddress('e') });
    await bed.must(RpcPatterns.setNetwork, insurerA, { providerId: 'P-EST', status: 'in' });
    await bed.must(RpcPatterns.replaceFeeSchedule, insurerA, {
      entries: [
        { code: '99213', amount: 10_000 },
        { code: '73721', amount: 50_000 },
      ],
    });
  });
  afterAll(async () => {
    await bed?.close();
  });

  const verdict = (code: string, overrides: Partial<CoveragePreviewLine> = {}): CoveragePreviewLine => ({
    code,
    status: 'covered',
    reason: null,
    category: 'office_visit',
    preauthCode: false,
    ...overrides,
  });
  /** A visit, a knee MRI needing pre-authorisation, and an excluded brain MRI, as the gateway sends them. */
  const anEstimateAsk = (overrides: { submissionKey?: string; plannedDate?: string } = {}): CreateEstimatePayload => ({
    request: {
      memberId: member.memberId,
      providerId: 'P-EST',
      plannedDate: overrides.plannedDate ?? dayFromToday(7),
      preauthorization: true,
      lines: [
        { code: '99213', units: 1, charge: 15_000 },
        { code: '73721', units: 1, charge: 80_000 },
        { code: '70551', units: 1, charge: 90_000 },
      ],
    },
    coverage: {
      memberId: member.memberId,
      insurerId: 'INS-A',
      planId: plan.planId,
      currency: 'USD',
      lines: [
        verdict('99213'),
        verdict('73721', { category: 'imaging', preauthCode: true }),
        verdict('70551', { category: 'imaging', preauthCode: true, status: 'denied', reason: 'EXCLUDED' }),
      ],
    },
    ...(overrides.submissionKey ? { submissionKey: overrides.submissionKey } : {}),
  });
  const estimatesAnnounced = (estimateId: string) =>
    bed.eventsOf<EstimateCreated>(Subjects.estimateCreated).filter((m) => m.envelope.data.estimateId === estimateId);

  it('prices each line as a claim would, on the member’s accumulators, reserving nothing, and announces it', async () => {
    const estimate = await bed.must<EstimateView>(RpcPatterns.createEstimate, clinic, anEstimateAsk());
    expect(estimate).toMatchObject({
      memberId: member.memberId,
      providerId: 'P-EST',
      currency: 'USD',
      network: 'in',
      totals: { charge: 185_000, allowed: 60_000, planPays: 7_500 },
      accumulators: { deductibleRemaining: 50_000, oopRemaining: 300_000 },
    });
    expect(estimate.lines.map((line) => [line.code, line.status, line.allowed, line.planPays, line.preauth])).toEqual([
      ['99213', 'covered', 10_000, 7_500, 'not_required'],
      ['73721', 'covered', 50_000, 0, 'approved'],
      ['70551', 'denied', 0, 0, 'denied'],
    ]);
    expect(estimate.lines[2].reason).toBe('EXCLUDED');
    const createdDay = Date.parse(estimate.createdAt.slice(0, 10));
    expect(estimate.validUntil).toBe(new Date(createdDay + 30 * 86_400_000).toISOString().slice(0, 10));

    const [event] = await bed.waitForEvents<EstimateCreated>(Subjects.estimateCreated);
    expect(event.envelope.data).toEqual({
      estimateId: estimate.id,
      memberId: member.memberId,
      providerId: 'P-EST',
      insurerId: 'INS-A',
      plannedDate: estimate.plannedDate,
      createdAt: estimate.createdAt,
      validUntil: estimate.validUntil,
      preauthorization: true,
      totalCharge: 185_000,
      lines: [
        { code: '99213', units: 1, charge: 15_000, preauth: 'not_required' },
        { code: '73721', units: 1, charge: 80_000, preauth: 'approved' },
        { code: '70551', units: 1, charge: 90_000, preauth: 'denied' },
      ],
    });
    const year = Number(estimate.plannedDate.slice(0, 4));
    expect(
      await bed.must<AccumulatorsView>(RpcPatterns.memberAccumulators, insurerA, { memberId: member.memberId, year }),
    ).toEqual({ year, deductibleMet: 0, oopMet: 0, planPaid: 0 });
  });

  it('answers a retried request (same submission key) with the estimate stored first, announced once', async () => {
    const first = await bed.must<EstimateView>(
      RpcPatterns.createEstimate,
      clinic,
      anEstimateAsk({ submissionKey: 'k-1' }),
    );
    const again = await bed.must<EstimateView>(
      RpcPatterns.createEstimate,
      clinic,
      anEstimateAsk({ submissionKey: 'k-1' }),
    );
    expect(again).toEqual(first);
    await bed.waitForEvents(Subjects.estimateCreated, { count: 2 });
    expect(estimatesAnnounced(first.id)).toHaveLength(1);
  });

  it('refuses what it cannot price, naming the field, and says when the member’s plan is not known yet', async () => {
    const ask = anEstimateAsk();
    const refusals = [
      [clinicOf('P-OTHER'), ask, 'providerId'],
      [clinic, anEstimateAsk({ plannedDate: dayFromToday(-1) }), 'plannedDate'],
      [clinic, { ...ask, coverage: { ...ask.coverage, lines: ask.coverage.lines.slice(1) } }, 'coverage'],
      [clinicOf('P-UNKNOWN'), { ...ask, request: { ...ask.request, providerId: 'P-UNKNOWN' } }, 'providerId'],
    ] as const;
    for (const [caller, payload, field] of refusals) {
      expect(await bed.call(RpcPatterns.createEstimate, caller, payload)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', errors: [{ field }] },
      });
    }
    const planNotYetKnown = { ...ask, coverage: { ...ask.coverage, planId: 'PLAN-NOT-YET' } };
    expect(await bed.call(RpcPatterns.createEstimate, clinic, planNotYetKnown)).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
    expect(await bed.call(RpcPatterns.createEstimate, insurerA, ask)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('shows an estimate to the clinic that asked, the member and the member’s insurer, and 404 to anyone else', async () => {
    const estimate = await bed.must<EstimateView>(RpcPatterns.createEstimate, clinic, anEstimateAsk());
    for (const reader of [clinic, patientOf(member.memberId), insurerA]) {
      expect(await bed.call(RpcPatterns.getEstimate, reader, { id: estimate.id })).toEqual({
        ok: true,
        value: estimate,
      });
    }
    for (const stranger of [clinicOf('P-OTHER'), patientOf('M-OTHER'), insurerB]) {
      expect(await bed.call(RpcPatterns.getEstimate, stranger, { id: estimate.id })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    }
    expect(await bed.call(RpcPatterns.getEstimate, clinic, { id: 'not-an-id' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await bed.call(RpcPatterns.getEstimate, admin, { id: estimate.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('lists the caller’s estimates newest first, a page at a time, and refuses a cursor it did not issue', async () => {
    const all = await bed.must<ListEstimatesResult>(RpcPatterns.listEstimates, insurerA, {
      memberId: member.memberId,
      limit: 500,
    });
    expect(all.items.length).toBeGreaterThanOrEqual(3);
    expect(all.nextCursor).toBeNull();
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page: ListEstimatesResult = await bed.must(RpcPatterns.listEstimates, patientOf(member.memberId), {
        limit: 2,
        cursor,
      });
      paged.push(...page.items.map((estimate) => estimate.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all.items.map((estimate) => estimate.id));
    const createdAt = all.items.map((estimate) => estimate.createdAt);
    expect([...createdAt].sort().reverse()).toEqual(createdAt);

    expect(await bed.must(RpcPatterns.listEstimates, insurerB, { limit: 10 })).toEqual({ items: [], nextCursor: null });
    expect(await bed.call(RpcPatterns.listEstimates, clinic, { limit: 10, cursor: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', errors: [{ field: 'cursor' }] },
    });
  });
});
