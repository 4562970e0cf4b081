import { RpcPatterns, type MemberView, type PlanView, type RpcReply } from '#libs/contracts';
import { admin, aMember, anInsurer, aPlan, insurerA, insurerB } from './support/underwriting-builders.js';
import { UnderwritingTestBed } from './support/underwriting-test-bed.js';

/** As many identical requests at once as an impatient client retrying in parallel would send. */
const AT_ONCE = 12;

const codesOf = (replies: RpcReply<unknown>[]) => replies.map((reply) => (reply.ok ? 'OK' : reply.error.code));
const sendAtOnce = <R>(send: () => Promise<RpcReply<R>>) => Promise.all(Array.from({ length: AT_ONCE }, send));

/**
 * Identical writes at the same time end with one stored result: one caller is answered with it, the
 * others with it too (an update) or with CONFLICT (a create: API.md answers a taken id with 409), never
 * UNAVAILABLE or INTERNAL because two transactions raced. And a taken id never tells whose it is.
 */
describe('identical concurrent writes and taken ids in underwriting', () => {
  let bed: UnderwritingTestBed;
  let planA: PlanView;
  let planB: PlanView;

  beforeAll(async () => {
    bed = await UnderwritingTestBed.open('uconc');
    await bed.must(RpcPatterns.createInsurer, admin, anInsurer('INS-A'));
    await bed.must(RpcPatterns.createInsurer, admin, anInsurer('INS-B'));
    planA = await bed.must<PlanView>(RpcPatterns.createPlan, insurerA, aPlan());
    planB = await bed.must<PlanView>(RpcPatterns.createPlan, insurerB, aPlan());
  });
  afterAll(async () => {
    await bed?.close();
  });

  const rowsWithId = async (table: 'members' | 'plans', id: string) =>
    Number((await bed.dataSource.query(`SELECT count(*) FROM ${table} WHERE id = $1`, [id]))[0].count);

  it('enrols a member sent many times at once exactly once, the others a CONFLICT', async () => {
    const member = aMember(planA.id);
    const outbox = await bed.count('outbox');
    const replies = await sendAtOnce(() => bed.call<MemberView>(RpcPatterns.createMember, insurerA, member));
    expect(codesOf(replies).sort()).toEqual(['OK', ...Array(AT_ONCE - 1).fill('CONFLICT')].sort());
    expect(replies.find((reply) => reply.ok)).toMatchObject({ ok: true, value: { ...member, insurerId: 'INS-A' } });
    expect(await rowsWithId('members', member.id)).toBe(1);
    expect(await bed.count('outbox')).toBe(outbox + 1);
  });

  it('enrols one member when two insurers race for one id, the loser told only that the id is not available', async () => {
    const member = aMember(planA.id);
    const replies = await Promise.all([
      ...Array.from({ length: AT_ONCE / 2 }, () => bed.call(RpcPatterns.createMember, insurerA, member)),
      ...Array.from({ length: AT_ONCE / 2 }, () =>
        bed.call(RpcPatterns.createMember, insurerB, { ...member, planId: planB.id }),
      ),
    ]);
    expect(codesOf(replies).filter((code) => code !== 'CONFLICT')).toEqual(['OK']);
    const [{ insurer_id: winner }] = await bed.dataSource.query(`SELECT insurer_id FROM members WHERE id = $1`, [
      member.id,
    ]);
    const loserReplies = replies.slice(...(winner === 'INS-A' ? [AT_ONCE / 2] : [0, AT_ONCE / 2]));
    for (const reply of loserReplies) expect(reply).toMatchObject({ error: { errors: [{ field: 'id' }] } });
    expect(JSON.stringify(loserReplies)).not.toMatch(/INS-|overlap/);
    expect(await rowsWithId('members', member.id)).toBe(1);
  });

  it('changes a member sent the same change many times at once once: one new version, every answer the same member', async () => {
    const member = await bed.must<MemberView>(RpcPatterns.createMember, insurerA, aMember(planA.id));
    const change = { id: member.id, coverageEnd: '2026-09-30', status: 'cancelled' };
    const replies = await sendAtOnce(() => bed.call<MemberView>(RpcPatterns.updateMember, insurerA, change));
    expect(codesOf(replies)).toEqual(Array(AT_ONCE).fill('OK'));
    const values = replies.map((reply) => (reply.ok ? reply.value : null));
    expect(new Set(values.map((value) => JSON.stringify(value))).size).toBe(1);
    expect(values[0]).toMatchObject({ coverageEnd: '2026-09-30', status: 'cancelled' });
    const [{ version }] = await bed.dataSource.query(`SELECT version FROM members WHERE id = $1`, [member.id]);
    expect(version).toBe(2);
  });

  it('registers a plan sent many times at once exactly once, the others a CONFLICT', async () => {
    const plan = aPlan();
    const replies = await sendAtOnce(() => bed.call<PlanView>(RpcPatterns.createPlan, insurerA, plan));
    expect(codesOf(replies).sort()).toEqual(['OK', ...Array(AT_ONCE - 1).fill('CONFLICT')].sort());
    expect(await rowsWithId('plans', plan.id)).toBe(1);
  });

  /**
   * Member and plan ids are global (events and patient tokens carry them alone), so an id another
   * insurer holds cannot be offered. Decided: it answers exactly what the caller's own taken id answers
   * (for a member, one whose coverage does not overlap), a CONFLICT that names neither tenant nor id.
   */
  describe('an id another insurer holds', () => {
    it('answers a member id exactly as the caller’s own taken id, revealing nothing of the other insurer', async () => {
      const theirs = await bed.must<MemberView>(RpcPatterns.createMember, insurerB, aMember(planB.id));
      const ours = await bed.must<MemberView>(
        RpcPatterns.createMember,
        insurerA,
        aMember(planA.id, { coverageEnd: '2026-12-31' }),
      );
      const later = { coverageStart: '2030-01-01', coverageEnd: null };
      const members = await bed.count('members');

      const onTheirs = await bed.call(
        RpcPatterns.createMember,
        insurerA,
        aMember(planA.id, { ...later, id: theirs.id }),
      );
      const onOurs = await bed.call(RpcPatterns.createMember, insurerA, aMember(planA.id, { ...later, id: ours.id }));
      expect(onTheirs).toEqual(onOurs);
      expect(onTheirs).toEqual({
        ok: false,
        error: {
          code: 'CONFLICT',
          detail: 'the member id is not available; choose another',
          errors: [{ field: 'id', message: 'is not available' }],
        },
      });
      expect(JSON.stringify(onTheirs)).not.toMatch(/INS-B|already exists/);
      expect(JSON.stringify(onTheirs)).not.toContain(theirs.id);
      expect(await bed.count('members')).toBe(members);
    });

    it('answers a plan id exactly as the caller’s own taken plan id', async () => {
      const onTheirs = await bed.call(RpcPatterns.createPlan, insurerA, aPlan({ id: planB.id, name: 'Copy' }));
      const onOurs = await bed.call(RpcPatterns.createPlan, insurerA, aPlan({ id: planA.id, name: 'Copy' }));
      expect(onTheirs).toEqual(onOurs);
      expect(onTheirs).toEqual({
        ok: false,
        error: {
          code: 'CONFLICT',
          detail: 'the plan id is not available; choose another',
          errors: [{ field: 'id', message: 'is not available' }],
        },
      });
      expect(JSON.stringify(onTheirs)).not.toMatch(/INS-B/);
      expect(await rowsWithId('plans', planB.id)).toBe(1);
    });
  });
});
