import {
  RpcPatterns,
  Subjects,
  type CheckRequested,
  type ClaimDecided,
  type ClaimSubmitted,
  type CoverageDecided,
  type MemberView,
  type PlanView,
} from '#libs/contracts';
import { admin, aClaim, aMember, anInsurer, aPlan, insurerA } from './support/underwriting-builders.js';
import { UnderwritingTestBed } from './support/underwriting-test-bed.js';

describe('coverage decisions on the bus', () => {
  let bed: UnderwritingTestBed;
  let plan: PlanView;
  let member: MemberView;

  beforeAll(async () => {
    bed = await UnderwritingTestBed.open('ucov');
    await bed.must(RpcPatterns.createInsurer, admin, anInsurer('INS-A'));
    plan = await bed.must<PlanView>(RpcPatterns.createPlan, insurerA, aPlan());
    member = await bed.must<MemberView>(RpcPatterns.createMember, insurerA, aMember(plan.id));
  });
  afterAll(async () => {
    await bed?.close();
  });

  /** Submits the claim as the claims service would and waits for its (first) decision. */
  const decided = async (claim: ClaimSubmitted): Promise<CoverageDecided> => {
    await bed.publish(Subjects.claimSubmitted, claim);
    const [event] = await bed.waitForEvents<CoverageDecided>(Subjects.coverageDecided, { claimId: claim.claimId });
    return event.envelope.data;
  };
  const reasons = (decision: CoverageDecided) => decision.lines.map((line) => line.reason ?? line.status);

  it('decides each line of a submitted claim, with the insurer, plan, currency and categories', async () => {
    const claim = aClaim(member.id)
      .on('2026-02-02')
      .withLine('99213')
      .withLine('ZZ999')
      .withLine('70551')
      .withLine('90837')
      .withLine('73721')
      .withLine('93000')
      .withLine('93010')
      .withLine('97110', 7)
      .build();
    const decision = await decided(claim);
    expect(decision).toMatchObject({ claimId: claim.claimId, insurerId: 'INS-A', currency: 'USD', planId: plan.id });
    expect(decision.lines[0]).toEqual({
      index: 0,
      code: '99213',
      category: 'office_visit',
      status: 'covered',
      reason: null,
    });
    expect(decision.lines[1]).toMatchObject({ code: 'ZZ999', category: null, status: 'denied' });
    // Preauthorisations arrive with billing's estimates (issue 4): until then a preauth code is denied.
    expect(reasons(decision)).toEqual([
      'covered',
      'UNKNOWN_CODE',
      'EXCLUDED',
      'NOT_COVERED',
      'PREAUTH_REQUIRED',
      'covered',
      'NCCI_UNBUNDLED',
      'MUE_EXCEEDED',
    ]);
  });

  it('denies every line NOT_ELIGIBLE, without insurer or currency, for an unknown or cancelled member', async () => {
    const unknown = await decided(aClaim('M-NOBODY').withLine('99213').withLine('80053').build());
    expect(unknown).toMatchObject({ insurerId: null, currency: null, planId: null });
    expect(reasons(unknown)).toEqual(['NOT_ELIGIBLE', 'NOT_ELIGIBLE']);

    const leaving = await bed.must<MemberView>(RpcPatterns.createMember, insurerA, aMember(plan.id));
    await bed.must(RpcPatterns.updateMember, insurerA, { id: leaving.id, status: 'cancelled' });
    const cancelled = await decided(aClaim(leaving.id).withLine('99213').build());
    expect(cancelled).toMatchObject({ insurerId: 'INS-A', currency: 'USD' });
    expect(reasons(cancelled)).toEqual(['NOT_ELIGIBLE']);
  });

  it('denies a column-2 code when an earlier claim of the same member, provider and day billed its column-1 code', async () => {
    await decided(aClaim(member.id).on('2026-03-03').withLine('93000').build());
    const sameDay = await decided(aClaim(member.id).on('2026-03-03').withLine('93010').build());
    const otherProvider = await decided(aClaim(member.id).on('2026-03-03').from('P-2').withLine('93010').build());
    const otherDay = await decided(aClaim(member.id).on('2026-03-04').withLine('93010').build());
    expect([sameDay, otherProvider, otherDay].map(reasons)).toEqual([['NCCI_UNBUNDLED'], ['covered'], ['covered']]);
  });

  it('sums MUE units across the claims of the day', async () => {
    // 97140: at most 4 units a day
    const first = await decided(aClaim(member.id).on('2026-03-05').withLine('97140', 3).build());
    const second = await decided(aClaim(member.id).on('2026-03-05').withLine('97140', 2).build());
    const third = await decided(aClaim(member.id).on('2026-03-05').withLine('97140', 1).build());
    expect([first, second, third].map(reasons)).toEqual([['covered'], ['MUE_EXCEEDED'], ['covered']]);
  });

  it('stops counting an earlier claim once the saga denied it', async () => {
    const earlier = aClaim(member.id).on('2026-03-06').withLine('93000').withLine('97140', 4).build();
    await decided(earlier);
    const deniedBySaga: ClaimDecided = {
      claimId: earlier.claimId,
      memberId: member.id,
      providerId: 'P-1',
      insurerId: 'INS-A',
      serviceDate: '2026-03-06',
      status: 'denied',
      reason: 'FRAUD_CONFIRMED',
      planId: plan.id,
      currency: 'USD',
      estimateId: null,
      lines: [
        { ...decidedLine(0, '93000', 1), status: 'denied', reason: 'FRAUD_CONFIRMED' },
        { ...decidedLine(1, '97140', 4), status: 'denied', reason: 'FRAUD_CONFIRMED' },
      ],
    };
    await bed.publish(Subjects.claimDecided, deniedBySaga);
    await bed.consumed(Subjects.claimDecided);
    const later = await decided(aClaim(member.id).on('2026-03-06').withLine('93010').withLine('97140', 4).build());
    expect(reasons(later)).toEqual(['covered', 'covered']);
  });

  it('keeps counting an earlier claim the saga approved', async () => {
    const earlier = aClaim(member.id).on('2026-03-07').withLine('93000').build();
    await decided(earlier);
    await bed.publish(Subjects.claimDecided, {
      claimId: earlier.claimId,
      memberId: member.id,
      providerId: 'P-1',
      insurerId: 'INS-A',
      serviceDate: '2026-03-07',
      status: 'approved',
      reason: null,
      planId: plan.id,
      currency: 'USD',
      estimateId: null,
      lines: [{ ...decidedLine(0, '93000', 1), status: 'approved', reason: null }],
    } satisfies ClaimDecided);
    await bed.consumed(Subjects.claimDecided);
    expect(reasons(await decided(aClaim(member.id).on('2026-03-07').withLine('93010').build()))).toEqual([
      'NCCI_UNBUNDLED',
    ]);
  });

  it('answers a re-ask of the coverage check with the stored decision, and ignores the other checks', async () => {
    const claim = aClaim(member.id).on('2026-03-09').withLine('97140', 4).build();
    const first = await decided(claim);
    const reAsk = (check: CheckRequested['check'], attempt: number) =>
      bed.publish(Subjects.checkRequested, { check, attempt, claim } satisfies CheckRequested);
    await reAsk('fraud', 2);
    await reAsk('coverage', 2);
    const events = await bed.waitForEvents<CoverageDecided>(Subjects.coverageDecided, {
      claimId: claim.claimId,
      count: 2,
    });
    await bed.consumed(Subjects.checkRequested);
    expect(bed.eventsOf(Subjects.coverageDecided, claim.claimId)).toHaveLength(2);
    expect(events[1].envelope.data).toEqual(first);
    expect(events[1].envelope.id).not.toBe(events[0].envelope.id);
    // Decided once: its units are not counted twice for the day.
    const lines = await bed.dataSource.query(`SELECT code, units FROM decided_lines WHERE claim_id = $1`, [
      claim.claimId,
    ]);
    expect(lines).toEqual([{ code: '97140', units: 4 }]);
  });

  it('handles a redelivered message once and a second copy of a claim without counting it twice', async () => {
    const claim = aClaim(member.id).on('2026-03-10').withLine('97140', 4).build();
    const messageId = await bed.publish(Subjects.claimSubmitted, claim);
    await bed.publish(Subjects.claimSubmitted, claim, messageId);
    await bed.waitForEvents(Subjects.coverageDecided, { claimId: claim.claimId });
    await bed.consumed(Subjects.claimSubmitted);
    expect(bed.eventsOf(Subjects.coverageDecided, claim.claimId)).toHaveLength(1);

    await bed.publish(Subjects.claimSubmitted, claim);
    const events = await bed.waitForEvents<CoverageDecided>(Subjects.coverageDecided, {
      claimId: claim.claimId,
      count: 2,
    });
    expect(reasons(events[1].envelope.data)).toEqual(['covered']);
  });

  it('never lets two claims of one member, provider and day decided at once both pass MUE', async () => {
    const one = aClaim(member.id).on('2026-03-11').withLine('97140', 3).build();
    const other = aClaim(member.id).on('2026-03-11').withLine('97140', 3).build();
    // Two consumers (submitted, re-ask) decide in two transactions at the same time.
    await Promise.all([
      bed.publish(Subjects.claimSubmitted, one),
      bed.publish(Subjects.checkRequested, { check: 'coverage', attempt: 2, claim: other } satisfies CheckRequested),
    ]);
    const [a] = await bed.waitForEvents<CoverageDecided>(Subjects.coverageDecided, { claimId: one.claimId });
    const [b] = await bed.waitForEvents<CoverageDecided>(Subjects.coverageDecided, { claimId: other.claimId });
    expect([...reasons(a.envelope.data), ...reasons(b.envelope.data)].sort()).toEqual(['MUE_EXCEEDED', 'covered']);
  });
});

/** A decided line as billed; the category matters to pricing only, not to these edits. */
function decidedLine(index: number, code: string, units: number) {
  return { index, code, units, charge: 10000, category: null };
}
