import {
  RpcPatterns,
  Subjects,
  type ClaimSubmitted,
  type FlagDetail,
  type ListFlagsResult,
  type ScreeningCompleted,
} from '#libs/contracts';
import { admin, aClaim, aMemberSnapshot, analystOf } from './support/fraud-builders.js';
import { FraudTestBed, screenedBy } from './support/fraud-test-bed.js';

describe('fraud screening on the bus', () => {
  let bed: FraudTestBed;
  const analyst = analystOf('INS-A');

  beforeAll(async () => {
    bed = await FraudTestBed.open('fscr');
  });
  afterAll(async () => {
    await bed?.close();
  });

  const screened = (claim: ClaimSubmitted) => screenedBy(bed, claim);
  const flagOf = (result: ScreeningCompleted) =>
    bed.must<FlagDetail>(RpcPatterns.getFlag, analyst, { id: result.flagId });

  it('passes a clean claim with score 0, no hold and no flag', async () => {
    const result = await screened(aClaim('M-CLEAN').withLine('99213').build());
    expect(result).toMatchObject({ score: 0, held: false, flagId: null });
    expect(await bed.count('flags')).toBe(0);
  });

  it('holds a duplicate, naming the earlier claim and its date, and answers a re-ask and a second copy the same', async () => {
    const first = aClaim('M-DUP').on('2026-03-02').withLine('99213').withLine('80053', 2).build();
    expect(await screened(first)).toMatchObject({ score: 0, held: false });
    const twin = aClaim('M-DUP').on('2026-03-02').withLine('80053', 2).withLine('99213').build();
    const result = await screened(twin);
    expect(result).toMatchObject({ claimId: twin.claimId, score: 100, held: true, flagId: expect.any(String) });
    const flag = await flagOf(result);
    expect(flag.rules).toContainEqual({
      code: 'DUPLICATE_CLAIM',
      points: 100,
      explanation: `same lines as claim ${first.claimId.slice(0, 8)}… of 2026-03-02`,
    });
    expect(flag.history).toEqual([{ at: expect.any(String), actor: 'system', action: 'flagged' }]);

    await bed.publish(Subjects.claimSubmitted, twin);
    await bed.publish(Subjects.checkRequested, { check: 'fraud', attempt: 2, claim: twin });
    await bed.publish(Subjects.checkRequested, { check: 'coverage', attempt: 2, claim: twin });
    const answers = await bed.waitForEvents<ScreeningCompleted>(Subjects.screeningCompleted, {
      claimId: twin.claimId,
      count: 3,
    });
    await bed.consumed(Subjects.checkRequested);
    expect(bed.eventsOf(Subjects.screeningCompleted, twin.claimId)).toHaveLength(3);
    expect(answers.map((answer) => answer.envelope.data)).toEqual([result, result, result]);
    expect(
      Number((await bed.dataSource.query(`SELECT count(*) FROM flags WHERE claim_id = $1`, [twin.claimId]))[0].count),
    ).toBe(1);
  });

  it('answers a re-ask of a claim it never saw by screening it once', async () => {
    const claim = aClaim('M-REASK').withLine('99213').build();
    await bed.publish(Subjects.checkRequested, { check: 'fraud', attempt: 2, claim });
    const [event] = await bed.waitForEvents<ScreeningCompleted>(Subjects.screeningCompleted, {
      claimId: claim.claimId,
    });
    expect(event.envelope.data).toMatchObject({ score: 0, held: false });
  });

  it('does not count a claim the saga denied as an earlier claim', async () => {
    const denied = aClaim('M-DENIED').withLine('99213').build();
    await screened(denied);
    await bed.publish(Subjects.claimDecided, {
      claimId: denied.claimId,
      memberId: 'M-DENIED',
      providerId: 'P-1',
      insurerId: 'INS-A',
      serviceDate: denied.serviceDate,
      status: 'denied',
      reason: 'NOT_ELIGIBLE',
      planId: null,
      currency: null,
      estimateId: null,
      lines: [
        { index: 0, code: '99213', units: 1, charge: 10000, category: null, status: 'denied', reason: 'NOT_ELIGIBLE' },
      ],
    });
    await bed.consumed(Subjects.claimDecided);
    expect(await screened(aClaim('M-DENIED').withLine('99213').build())).toMatchObject({ score: 0, held: false });
  });

  it('holds a service after the member’s date of death, and keeps the newest snapshot whatever the order', async () => {
    await bed.publish(Subjects.memberRegistered, aMemberSnapshot('M-GONE', { version: 1 }));
    await bed.publish(Subjects.memberUpdated, aMemberSnapshot('M-GONE', { version: 3, dateOfDeath: '2026-02-20' }));
    await bed.consumed(Subjects.memberUpdated);
    await bed.publish(Subjects.memberUpdated, aMemberSnapshot('M-GONE', { version: 2 }));
    await bed.consumed(Subjects.memberUpdated);
    const result = await screened(aClaim('M-GONE').forInsurer(null).on('2026-03-02').withLine('99213').build());
    expect(result).toMatchObject({ score: 100, held: true });
    const flag = await flagOf(result);
    expect(flag.rules).toEqual([
      {
        code: 'SERVICE_AFTER_DEATH',
        points: 100,
        explanation: "service on 2026-03-02, member's date of death 2026-02-20",
      },
    ]);
  });

  it('flags a claim charging more than 120 % of the estimate it cites, without holding it', async () => {
    await bed.publish(Subjects.estimateCreated, {
      estimateId: 'EST-1',
      memberId: 'M-EST',
      providerId: 'P-1',
      insurerId: 'INS-A',
      plannedDate: '2026-03-02',
      createdAt: '2026-02-20T10:00:00.000Z',
      validUntil: '2026-04-30',
      preauthorization: false,
      totalCharge: 10000,
      lines: [{ code: '99213', units: 1, charge: 10000, preauth: null }],
    });
    await bed.consumed(Subjects.estimateCreated);
    const result = await screened(aClaim('M-EST').citing('EST-1').withLine('99213', 1, 12001).build());
    expect(result).toMatchObject({ score: 40, held: false });
    expect((await flagOf(result)).rules.map((rule) => rule.code)).toEqual(['ESTIMATE_INFLATION']);
    expect(await screened(aClaim('M-EST2').citing('EST-1').withLine('99213', 1, 12000).build())).toMatchObject({
      score: 0,
    });
  });

  it('holds claims of an excluded provider on the dates of the exclusion only', async () => {
    const created = await bed.call(RpcPatterns.createExclusion, admin, {
      providerId: 'P-BAD',
      from: '2026-03-01',
      to: '2026-03-31',
      reason: 'OIG list',
    });
    expect(created).toMatchObject({ ok: true, value: { providerId: 'P-BAD', insurerId: null, to: '2026-03-31' } });
    const inside = await screened(aClaim('M-X1').by('P-BAD').on('2026-03-31').withLine('99213').build());
    const before = await screened(aClaim('M-X2').by('P-BAD').on('2026-02-28').withLine('99213').build());
    const after = await screened(aClaim('M-X3').by('P-BAD').on('2026-04-01').withLine('99213').build());
    expect([inside.held, before.held, after.held]).toEqual([true, false, false]);
    expect((await flagOf(inside)).rules[0].explanation).toBe(
      'provider excluded from 2026-03-01 to 2026-03-31 (OIG list)',
    );
  });

  it('refuses an exclusion with its dates reversed, naming the field, and storing nothing', async () => {
    const before = await bed.count('exclusions');
    const refused = await bed.call(RpcPatterns.createExclusion, admin, {
      providerId: 'P-2',
      from: '2026-03-10',
      to: '2026-03-01',
      reason: 'x',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', errors: [{ field: 'to' }] } });
    expect(await bed.count('exclusions')).toBe(before);
  });

  it('puts a flag raised before its member was known into the insurer’s queue once the member arrives', async () => {
    const first = aClaim('M-LATE').forInsurer(null).on('2026-03-03').withLine('99213').build();
    await screened(first);
    const twin = aClaim('M-LATE').forInsurer(null).on('2026-03-03').withLine('99213').build();
    const result = await screened(twin);
    expect(result).toMatchObject({ held: true });
    expect((await bed.call(RpcPatterns.getFlag, analyst, { id: result.flagId })).ok).toBe(false);
    await bed.publish(Subjects.memberRegistered, aMemberSnapshot('M-LATE'));
    await bed.consumed(Subjects.memberRegistered);
    expect(await flagOf(result)).toMatchObject({ claimId: twin.claimId, held: true });
  });

  it('lists only the analyst’s insurer’s flags, filtered by score', async () => {
    const mine = await bed.must<ListFlagsResult>(RpcPatterns.listFlags, analyst, { limit: 50, minScore: 60 });
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((flag) => flag.score >= 60)).toBe(true);
    const theirs = await bed.must<ListFlagsResult>(RpcPatterns.listFlags, analystOf('INS-B'), { limit: 50 });
    expect(theirs.items).toEqual([]);
  });
});
