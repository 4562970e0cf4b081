import { RpcPatterns, type MemberPage, type MemberView, type PlanPage, type PlanView } from '#libs/contracts';
import { encodePageCursor } from '#libs/rpc';
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
import { validationFields } from './support/replies.js';
import { UnderwritingTestBed } from './support/underwriting-test-bed.js';

const SEALED = /^phi1:dk[0-9a-f]{12}:[A-Za-z0-9_-]+$/;

describe('an insurer reads its plans and members', () => {
  let bed: UnderwritingTestBed;
  const plansA: PlanView[] = [];
  let planB: PlanView;
  const membersA: MemberView[] = [];
  let memberB: MemberView;

  /** Every page of a list, following nextCursor to the end. */
  async function everyPage<T>(
    pattern: typeof RpcPatterns.listPlans | typeof RpcPatterns.listMembers,
    query: Record<string, unknown>,
  ): Promise<T[][]> {
    const pages: T[][] = [];
    let cursor: string | null = null;
    do {
      const page: { items: T[]; nextCursor: string | null } = await bed.must(pattern, insurerA, {
        ...query,
        ...(cursor ? { cursor } : {}),
      });
      pages.push(page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return pages;
  }

  beforeAll(async () => {
    bed = await UnderwritingTestBed.open('ureads');
    await bed.must(RpcPatterns.createInsurer, admin, anInsurer('INS-A'));
    await bed.must(RpcPatterns.createInsurer, admin, anInsurer('INS-B'));
    // Defined one right after another: several may share a millisecond, which the cursor must not lose.
    for (let i = 0; i < 5; i++) plansA.push(await bed.must<PlanView>(RpcPatterns.createPlan, insurerA, aPlan()));
    planB = await bed.must<PlanView>(RpcPatterns.createPlan, insurerB, aPlan());
    for (const [index, planId] of [plansA[0].id, plansA[0].id, plansA[1].id, plansA[1].id, plansA[0].id].entries()) {
      membersA.push(
        await bed.must<MemberView>(
          RpcPatterns.createMember,
          insurerA,
          aMember(planId, { name: `Member ${index}`, birthDate: `1980-01-0${index + 1}` }),
        ),
      );
    }
    membersA[4] = await bed.must<MemberView>(RpcPatterns.updateMember, insurerA, {
      id: membersA[4].id,
      status: 'cancelled',
    });
    memberB = await bed.must<MemberView>(RpcPatterns.createMember, insurerB, aMember(planB.id));
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('pages its own plans newest first, each once, with their terms, never another insurer’s', async () => {
    const pages = await everyPage<PlanView>(RpcPatterns.listPlans, { limit: 2 });
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    const listed = pages.flat();
    expect(listed.map((plan) => plan.id)).toEqual(
      [...plansA]
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0))
        .map((plan) => plan.id),
    );
    expect(listed.find((plan) => plan.id === plansA[2].id)).toEqual(plansA[2]);
    expect(listed.map((plan) => plan.id)).not.toContain(planB.id);
    const b = await bed.must<PlanPage>(RpcPatterns.listPlans, insurerB, {});
    expect(b).toEqual({ items: [planB], nextCursor: null });
  });

  it('reads one of its plans; another insurer’s answers as a missing one does', async () => {
    expect(await bed.call(RpcPatterns.getPlan, insurerA, { id: plansA[3].id })).toEqual({ ok: true, value: plansA[3] });
    const others = await bed.call(RpcPatterns.getPlan, insurerA, { id: planB.id });
    const missing = await bed.call(RpcPatterns.getPlan, insurerA, { id: 'PLAN-NONE' });
    expect(others).toEqual({ ok: false, error: { code: 'NOT_FOUND', detail: 'no such plan' } });
    expect(others).toEqual(missing);
    expect(await bed.call(RpcPatterns.getPlan, insurerA, { id: 'not an id!' })).toEqual(missing);
  });

  it('pages its own members newest first, their personal data opened, never another insurer’s', async () => {
    const pages = await everyPage<MemberView>(RpcPatterns.listMembers, { limit: 2 });
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    const listed = pages.flat();
    expect([...listed].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...membersA].sort((a, b) => a.id.localeCompare(b.id)),
    );
    const times = listed.map((member) => Date.parse(member.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(listed.map((member) => member.id)).not.toContain(memberB.id);
    // Stored sealed, listed in the clear.
    const stored: { name: string }[] = await bed.dataSource.query(`SELECT name FROM members WHERE id = $1`, [
      membersA[2].id,
    ]);
    expect(stored[0].name).toMatch(SEALED);
    expect(listed.find((member) => member.id === membersA[2].id)).toMatchObject({
      name: 'Member 2',
      birthDate: '1980-01-03',
    });
  });

  it('filters members by plan and by status', async () => {
    const onPlan0 = await bed.must<MemberPage>(RpcPatterns.listMembers, insurerA, { planId: plansA[0].id });
    expect(onPlan0.items.map((member) => member.id).sort()).toEqual(
      [membersA[0].id, membersA[1].id, membersA[4].id].sort(),
    );
    const cancelled = await bed.must<MemberPage>(RpcPatterns.listMembers, insurerA, { status: 'cancelled' });
    expect(cancelled.items).toEqual([membersA[4]]);
    const activeOnPlan0 = await bed.must<MemberPage>(RpcPatterns.listMembers, insurerA, {
      planId: plansA[0].id,
      status: 'active',
    });
    expect(activeOnPlan0.items.map((member) => member.id).sort()).toEqual([membersA[0].id, membersA[1].id].sort());
    // Another insurer's plan names none of the caller's members.
    expect(await bed.must(RpcPatterns.listMembers, insurerA, { planId: planB.id })).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('reads a member: the insurer its own, a patient themself; anyone else’s answers as a missing one', async () => {
    expect(await bed.call(RpcPatterns.getMember, insurerA, { id: membersA[1].id })).toEqual({
      ok: true,
      value: membersA[1],
    });
    expect(await bed.call(RpcPatterns.getMember, patient(membersA[1].id), { id: membersA[1].id })).toEqual({
      ok: true,
      value: membersA[1],
    });
    const missing = await bed.call(RpcPatterns.getMember, insurerA, { id: 'M-NONE' });
    expect(missing).toEqual({ ok: false, error: { code: 'NOT_FOUND', detail: 'no such member' } });
    expect(await bed.call(RpcPatterns.getMember, insurerA, { id: memberB.id })).toEqual(missing);
    expect(await bed.call(RpcPatterns.getMember, patient(membersA[0].id), { id: membersA[1].id })).toEqual(missing);
  });

  it('refuses the roles that may not read them', async () => {
    for (const pattern of [RpcPatterns.listPlans, RpcPatterns.getPlan, RpcPatterns.listMembers]) {
      for (const principal of [clinic, analyst, admin, patient(membersA[0].id)]) {
        const reply = await bed.call(pattern, principal, { id: plansA[0].id });
        expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    }
    for (const principal of [clinic, analyst, admin]) {
      const reply = await bed.call(RpcPatterns.getMember, principal, { id: membersA[0].id });
      expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('names the wrong field of a list query: a status, a plan id, a forged cursor, a limit', async () => {
    expect(validationFields(await bed.call(RpcPatterns.listMembers, insurerA, { status: 'lapsed' }))).toEqual([
      'status',
    ]);
    expect(validationFields(await bed.call(RpcPatterns.listMembers, insurerA, { planId: 'no spaces' }))).toEqual([
      'planId',
    ]);
    // Well-formed, but naming an id no plan or member can have.
    const notAnId = encodePageCursor({ at: new Date(), id: 'M 1; --' });
    for (const cursor of ['forged', notAnId]) {
      expect(validationFields(await bed.call(RpcPatterns.listMembers, insurerA, { cursor }))).toEqual(['cursor']);
      expect(validationFields(await bed.call(RpcPatterns.listPlans, insurerA, { cursor }))).toEqual(['cursor']);
    }
    expect(validationFields(await bed.call(RpcPatterns.listPlans, insurerA, { limit: 501 }))).toEqual(['limit']);
  });
});
