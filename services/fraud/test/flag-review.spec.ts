import {
  RpcPatterns,
  Subjects,
  type ClaimSubmitted,
  type ExclusionView,
  type FlagDecided,
  type FlagDetail,
  type FlagView,
  type ListFlagsResult,
} from '#libs/contracts';
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
