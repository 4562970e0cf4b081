import {
  RpcPatterns,
  Subjects,
  type ClaimSubmitted,
  type ExclusionView,
  type FlagDecided,
  type FlagDetail,
  type FlagView,
  type ListFlagsResult,
  type Principal,
} from '#libs/contracts';
import { encodeRankedPageCursor } from '#libs/rpc';
import { aClaim, analystOf, insurerOf } from './support/fraud-builders.js';
import { FraudTestBed, screenedBy } from './support/fraud-test-bed.js';

describe('the analyst queue: reading, assigning, noting and deciding flags, and exclusions', () => {
  let bed: FraudTestBed;
  const ada = analystOf('INS-A', 'ada');
  const bob = analystOf('INS-A', 'bob');
  const otherInsurers = analystOf('INS-B', 'eve');
  let nextMember = 0;

  beforeAll(async () => {
    bed = await FraudTestBed.open('fflag');
  });
  afterAll(async () => {
    await bed?.close();
  });

  const screened = (claim: ClaimSubmitted) => screenedBy(bed, claim);
  /** A claim held as the duplicate of an earlier one of a new member; returns its flag's id and the claim. */
  const aHeldFlag = async (insurerId = 'INS-A'): Promise<{ flagId: string; claim: ClaimSubmitted }> => {
    const memberId = `M-FLAG-${(nextMember += 1)}`;
    await screened(aClaim(memberId).forInsurer(insurerId).withLine('99213', 1, 12_000).build());
    const claim = aClaim(memberId).forInsurer(insurerId).withLine('99213', 1, 12_000).build();
    const result = await screened(claim);
    if (!result.flagId) throw new Error('the duplicate was not flagged');
    return { flagId: result.flagId, claim };
  };
  const detail = (flagId: string) => bed.must<FlagDetail>(RpcPatterns.getFlag, ada, { id: flagId });
  const decisionsOf = (flagId: string) =>
    bed.eventsOf<FlagDecided>(Subjects.flagDecided).filter((message) => message.envelope.data.flagId === flagId);

  it('shows a flag with its claim, and keeps who assigned, noted and confirmed it, announcing the decision', async () => {
    const { flagId, claim } = await aHeldFlag();
    const flag = await detail(flagId);
    expect(flag).toMatchObject({
      id: flagId,
      claimId: claim.claimId,
      memberId: claim.memberId,
      held: true,
      status: 'open',
      score: 100,
    });
    expect(flag.assignee).toBeUndefined();
    expect(flag.claim).toEqual({
      id: claim.claimId,
      memberId: claim.memberId,
      providerId: 'P-1',
      serviceDate: '2026-03-02',
      submittedAt: new Date(claim.submittedAt).toISOString(),
      estimateId: null,
      lines: [{ code: '99213', units: 1, charge: 12_000 }],
      totalCharge: 12_000,
    });

    expect(await bed.must<FlagView>(RpcPatterns.assignFlag, ada, { id: flagId })).toMatchObject({
      id: flagId,
      memberId: claim.memberId,
      status: 'assigned',
      assignee: 'ada',
    });
    const note = await bed.must(RpcPatterns.addFlagNote, ada, { id: flagId, note: 'called the clinic' });
    expect(note).toEqual({
      flagId,
      memberId: claim.memberId,
      at: expect.any(String),
      actor: 'ada',
      note: 'called the clinic',
    });
    const decided = await bed.must<FlagView>(RpcPatterns.decideFlag, ada, {
      id: flagId,
      decision: 'confirm',
      note: 'billed twice',
    });
    expect(decided).toMatchObject({ id: flagId, memberId: claim.memberId, status: 'confirmed', assignee: 'ada' });

    const [event] = await bed.waitForEvents<FlagDecided>(Subjects.flagDecided, { claimId: claim.claimId });
    expect(event.envelope.data).toEqual({ claimId: claim.claimId, flagId, decision: 'confirm' });
    const after = await detail(flagId);
    expect(after).toMatchObject({ status: 'confirmed', assignee: 'ada' });
    expect(after.history).toEqual([
      { at: expect.any(String), actor: 'system', action: 'flagged' },
      { at: expect.any(String), actor: 'ada', action: 'assigned' },
      { at: expect.any(String), actor: 'ada', action: 'noted', note: 'called the clinic' },
      { at: expect.any(String), actor: 'ada', action: 'confirmed', note: 'billed twice' },
    ]);
  });

  it('lets the holder alone work a flag: assigning again changes nothing, another analyst gets a conflict', async () => {
    const { flagId } = await aHeldFlag();
    await bed.must(RpcPatterns.assignFlag, ada, { id: flagId });
    expect(await bed.must<FlagView>(RpcPatterns.assignFlag, ada, { id: flagId })).toMatchObject({ assignee: 'ada' });

    const taken = await bed.call(RpcPatterns.assignFlag, bob, { id: flagId });
    expect(taken).toEqual({ ok: false, error: expect.objectContaining({ code: 'CONFLICT' }) });
    const decidedByBob = await bed.call(RpcPatterns.decideFlag, bob, { id: flagId, decision: 'dismiss', note: 'no' });
    expect(decidedByBob).toEqual({ ok: false, error: expect.objectContaining({ code: 'CONFLICT' }) });

    expect((await detail(flagId)).history.map((entry) => [entry.actor, entry.action])).toEqual([
      ['system', 'flagged'],
      ['ada', 'assigned'],
    ]);
    expect(decisionsOf(flagId)).toHaveLength(0);
  });

  it('decides a flag once: an open flag goes to whoever decides it, and a second decision or assignment is a conflict', async () => {
    const { flagId, claim } = await aHeldFlag();
    const dismissed = await bed.must<FlagView>(RpcPatterns.decideFlag, bob, {
      id: flagId,
      decision: 'dismiss',
      note: 'two visits that day',
    });
    expect(dismissed).toMatchObject({ status: 'dismissed', assignee: 'bob' });
    await bed.waitForEvents(Subjects.flagDecided, { claimId: claim.claimId });

    const again = await bed.call(RpcPatterns.decideFlag, bob, { id: flagId, decision: 'confirm', note: 'changed' });
    expect(again).toEqual({ ok: false, error: expect.objectContaining({ code: 'CONFLICT' }) });
    const assign = await bed.call(RpcPatterns.assignFlag, ada, { id: flagId });
    expect(assign).toEqual({ ok: false, error: expect.objectContaining({ code: 'CONFLICT' }) });

    expect(await detail(flagId)).toMatchObject({ status: 'dismissed', assignee: 'bob' });
    expect(decisionsOf(flagId).map((message) => message.envelope.data.decision)).toEqual(['dismiss']);
  });

  it('answers 404 for another insurer’s flag and for an id that cannot be one, and forbids non-analysts', async () => {
    const { flagId } = await aHeldFlag();
    for (const [pattern, payload] of [
      [RpcPatterns.getFlag, { id: flagId }],
      [RpcPatterns.assignFlag, { id: flagId }],
      [RpcPatterns.addFlagNote, { id: flagId, note: 'peek' }],
      [RpcPatterns.decideFlag, { id: flagId, decision: 'dismiss', note: 'peek' }],
    ] as const) {
      expect(await bed.call(pattern, otherInsurers, payload)).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'NOT_FOUND' }),
      });
      expect(await bed.call(pattern, insurerOf('INS-A'), payload)).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'FORBIDDEN' }),
      });
    }
    expect(await bed.call(RpcPatterns.getFlag, ada, { id: 'not-a-flag' })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'NOT_FOUND' }),
    });
    expect(await detail(flagId)).toMatchObject({ status: 'open', history: [{ actor: 'system', action: 'flagged' }] });
  });

  it('refuses an empty note and an unknown decision, naming the field, and records nothing', async () => {
    const { flagId } = await aHeldFlag();
    expect(await bed.call(RpcPatterns.addFlagNote, ada, { id: flagId, note: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', errors: [{ field: 'note' }] },
    });
    expect(await bed.call(RpcPatterns.decideFlag, ada, { id: flagId, decision: 'maybe', note: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', errors: [{ field: 'decision' }] },
    });
    expect(await detail(flagId)).toMatchObject({ status: 'open', history: [{ action: 'flagged' }] });
    expect(decisionsOf(flagId)).toHaveLength(0);
  });

  it('pages the queue newest first with a cursor, filters by status, and refuses a cursor it did not issue', async () => {
    const flags = [await aHeldFlag('INS-C'), await aHeldFlag('INS-C'), await aHeldFlag('INS-C')];
    const analyst = analystOf('INS-C', 'cyd');
    await bed.must(RpcPatterns.assignFlag, analyst, { id: flags[1].flagId });

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page: ListFlagsResult = await bed.must(RpcPatterns.listFlags, analyst, { limit: 1, cursor });
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((flag) => flag.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(flags.map((flag) => flag.flagId).reverse());

    const assigned = await bed.must<ListFlagsResult>(RpcPatterns.listFlags, analyst, { limit: 10, status: 'assigned' });
    expect(assigned.items.map((flag) => [flag.id, flag.memberId])).toEqual([
      [flags[1].flagId, flags[1].claim.memberId],
    ]);
    expect(await bed.call(RpcPatterns.listFlags, analyst, { limit: 10, cursor: 'not-a-cursor' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', errors: [{ field: 'cursor' }] },
    });
    expect(await bed.call(RpcPatterns.listFlags, analyst, { limit: 0 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', errors: [{ field: 'limit' }] },
    });
  });

  /** A flag of score 40 (NEAR_DUPLICATE): a second claim of a new member that day sharing one code with the first. */
  const aNearDuplicateFlag = async (insurerId: string): Promise<string> => {
    const memberId = `M-NEAR-${(nextMember += 1)}`;
    await screened(aClaim(memberId).forInsurer(insurerId).withLine('99213', 1, 12_000).build());
    const result = await screened(
      aClaim(memberId).forInsurer(insurerId).withLine('99213', 1, 12_000).withLine('99214', 1, 9_000).build(),
    );
    expect(result.score).toBe(40);
    return result.flagId!;
  };
  /** A flag of score 80: a near duplicate that also charges over 120 % of the estimate it cites. */
  const anInflatedNearDuplicateFlag = async (insurerId: string): Promise<string> => {
    const memberId = `M-INFL-${(nextMember += 1)}`;
    const estimateId = `EST-${memberId}`;
    await bed.publish(Subjects.estimateCreated, {
      estimateId,
      memberId,
      providerId: 'P-1',
      insurerId,
      plannedDate: '2026-03-02',
      createdAt: '2026-02-20T10:00:00.000Z',
      validUntil: '2026-04-30',
      preauthorization: false,
      totalCharge: 10_000,
      lines: [{ code: '99213', units: 1, charge: 10_000, preauth: null }],
    });
    await bed.consumed(Subjects.estimateCreated);
    await screened(aClaim(memberId).forInsurer(insurerId).withLine('99213', 1, 10_000).build());
    const result = await screened(
      aClaim(memberId).forInsurer(insurerId).citing(estimateId).withLine('99213', 1, 10_000).withLine('99214').build(),
    );
    expect(result.score).toBe(80);
    return result.flagId!;
  };
  /** Every page from `from` (the first page when absent) to the last, their flags in the order served. */
  const pageThrough = async (
    analyst: Principal,
    query: Record<string, unknown>,
    from?: string,
  ): Promise<FlagView[]> => {
    const seen: FlagView[] = [];
    let cursor = from;
    do {
      const page: ListFlagsResult = await bed.must(RpcPatterns.listFlags, analyst, { ...query, cursor });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return seen;
  };

  it('pages the queue by score, highest first and newest first among equals, each flag once, while flags arrive', async () => {
    const analyst = analystOf('INS-S', 'sam');
    const near1 = await aNearDuplicateFlag('INS-S');
    const dup1 = (await aHeldFlag('INS-S')).flagId;
    const inflated1 = await anInflatedNearDuplicateFlag('INS-S');
    const near2 = await aNearDuplicateFlag('INS-S');
    const dup2 = (await aHeldFlag('INS-S')).flagId;
    const inflated2 = await anInflatedNearDuplicateFlag('INS-S');
    const dup3 = (await aHeldFlag('INS-S')).flagId;
    const expected = [dup3, dup2, dup1, inflated2, inflated1, near2, near1];

    const byScore = await pageThrough(analyst, { limit: 2, sort: 'score' });
    expect(byScore.map((flag) => flag.id)).toEqual(expected);
    expect(byScore.map((flag) => flag.score)).toEqual([100, 100, 100, 80, 80, 40, 40]);

    // A flag raised between two pages sorts before the cursor: the pages after it neither repeat nor skip one.
    const first: ListFlagsResult = await bed.must(RpcPatterns.listFlags, analyst, { limit: 3, sort: 'score' });
    const late = (await aHeldFlag('INS-S')).flagId;
    const rest = await pageThrough(analyst, { limit: 3, sort: 'score' }, first.nextCursor ?? undefined);
    expect([...first.items, ...rest].map((flag) => flag.id)).toEqual(expected);
    expect((await pageThrough(analyst, { limit: 500, sort: 'score' }))[0].id).toBe(late);

    // The default order is still newest first.
    const newest = await pageThrough(analyst, { limit: 3 });
    expect(newest.map((flag) => flag.id)).toEqual([late, dup3, inflated2, dup2, near2, inflated1, dup1, near1]);
  });

  it('pages past flags stored at the same microsecond, as one screening transaction stores them, each flag once', async () => {
    const analyst = analystOf('INS-T', 'tam');
    const flags = [
      await aHeldFlag('INS-T'),
      await aHeldFlag('INS-T'),
      await aHeldFlag('INS-T'),
      await aHeldFlag('INS-T'),
    ];
    const ids = flags.map((flag) => flag.flagId);
    // One now() for all, finer than a millisecond: a cursor rounded to the millisecond skipped the rest.
    await bed.dataSource.query(
      `UPDATE flags SET created_at = '2026-12-06T10:00:00.123456Z' WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const expected = [...ids].sort().reverse();
    for (const sort of ['newest', 'score']) {
      expect((await pageThrough(analyst, { limit: 1, sort })).map((flag) => flag.id)).toEqual(expected);
    }
  });

  it('filters the queue by rule, together with status, minimum score and either order', async () => {
    const analyst = analystOf('INS-R', 'rex');
    const dup = (await aHeldFlag('INS-R')).flagId;
    const near = await aNearDuplicateFlag('INS-R');
    const inflated1 = await anInflatedNearDuplicateFlag('INS-R');
    const inflated2 = await anInflatedNearDuplicateFlag('INS-R');
    await bed.must(RpcPatterns.assignFlag, analyst, { id: inflated1 });
    const ids = async (query: Record<string, unknown>) =>
      (await pageThrough(analyst, { limit: 2, ...query })).map((flag) => flag.id);

    expect(await ids({ rule: 'DUPLICATE_CLAIM' })).toEqual([dup]);
    expect(await ids({ rule: 'ESTIMATE_INFLATION' })).toEqual([inflated2, inflated1]);
    // A duplicate also shares its codes with the first claim, so it is a near duplicate as well.
    expect(await ids({ rule: 'NEAR_DUPLICATE' })).toEqual([inflated2, inflated1, near, dup]);
    expect(await ids({ rule: 'NEAR_DUPLICATE', sort: 'score' })).toEqual([dup, inflated2, inflated1, near]);
    expect(await ids({ rule: 'NEAR_DUPLICATE', minScore: 50, status: 'open' })).toEqual([inflated2, dup]);
    expect(await ids({ rule: 'NEAR_DUPLICATE', minScore: 50, status: 'assigned', sort: 'score' })).toEqual([inflated1]);
    expect(await ids({ rule: 'NEAR_DUPLICATE', minScore: 90, status: 'assigned' })).toEqual([]);
    expect(await ids({ rule: 'SERVICE_AFTER_DEATH' })).toEqual([]);
    const rules = (await pageThrough(analyst, { limit: 10, rule: 'ESTIMATE_INFLATION' })).map((flag) =>
      flag.rules.map((rule) => rule.code).sort(),
    );
    expect(rules).toEqual([
      ['ESTIMATE_INFLATION', 'NEAR_DUPLICATE'],
      ['ESTIMATE_INFLATION', 'NEAR_DUPLICATE'],
    ]);
  });

  it('refuses an unknown sort or rule, and a cursor made for the other sort, naming the field', async () => {
    const analyst = analystOf('INS-V', 'val');
    await aHeldFlag('INS-V');
    await aHeldFlag('INS-V');
    const newestPage: ListFlagsResult = await bed.must(RpcPatterns.listFlags, analyst, { limit: 1 });
    const scorePage: ListFlagsResult = await bed.must(RpcPatterns.listFlags, analyst, { limit: 1, sort: 'score' });
    const refused = (query: Record<string, unknown>) =>
      bed.call(RpcPatterns.listFlags, analyst, { limit: 1, ...query });

    expect(await refused({ sort: 'oldest' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', errors: [{ field: 'sort' }] },
    });
    expect(await refused({ rule: 'NOT_A_RULE' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', errors: [{ field: 'rule' }] },
    });
    expect(await refused({ sort: 'score', cursor: newestPage.nextCursor })).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'VALIDATION',
        errors: [{ field: 'cursor', message: expect.stringContaining('made for sort=newest') }],
      }),
    });
    // Well-formed, but with a rank no score has (a smallint would overflow): refused, never a query error.
    const [flagId] = scorePage.items.map((flag) => flag.id);
    for (const rank of [101, -1, 99_999]) {
      const forged = encodeRankedPageCursor({ order: 'score', rank, at: '2026-03-02T10:00:00.123456Z', id: flagId });
      expect(await refused({ sort: 'score', cursor: forged })).toMatchObject({
        ok: false,
        error: {
          code: 'VALIDATION',
          errors: [{ field: 'cursor', message: 'cursor must be a cursor returned by a previous page' }],
        },
      });
    }
    for (const sort of [undefined, 'newest']) {
      expect(await refused({ sort, cursor: scorePage.nextCursor })).toEqual({
        ok: false,
        error: expect.objectContaining({
          code: 'VALIDATION',
          errors: [{ field: 'cursor', message: expect.stringContaining('made for sort=score') }],
        }),
      });
    }
  });

  it('applies an insurer’s exclusion to its own claims only, and an open-ended one to every later date', async () => {
    const exclusion = await bed.must<ExclusionView>(RpcPatterns.createExclusion, insurerOf('INS-B'), {
      providerId: 'P-SHADY',
      from: '2026-01-01',
      reason: 'under investigation',
    });
    expect(exclusion).toEqual({
      id: expect.any(String),
      providerId: 'P-SHADY',
      insurerId: 'INS-B',
      from: '2026-01-01',
      to: null,
      reason: 'under investigation',
      createdBy: 'INS-B-ops',
      createdAt: expect.any(String),
    });
    const theirs = await screened(
      aClaim('M-EX-B').forInsurer('INS-B').by('P-SHADY').on('2030-06-01').withLine('99213').build(),
    );
    const ours = await screened(
      aClaim('M-EX-A').forInsurer('INS-A').by('P-SHADY').on('2026-06-01').withLine('99213').build(),
    );
    expect([theirs.held, ours.held]).toEqual([true, false]);

    const forbidden = await bed.call(RpcPatterns.createExclusion, analystOf('INS-B'), {
      providerId: 'P-SHADY',
      from: '2026-01-01',
      reason: 'x',
    });
    expect(forbidden).toEqual({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) });
  });
});
