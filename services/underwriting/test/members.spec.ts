import { RpcPatterns, Subjects, type MemberSnapshot, type MemberView, type PlanView } from '#libs/contracts';
import { admin, aMember, anAddress, anInsurer, aPlan, insurerA, insurerB } from './support/underwriting-builders.js';
import { validationFields } from './support/replies.js';
import { UnderwritingTestBed } from './support/underwriting-test-bed.js';

describe('members over request/reply', () => {
  let bed: UnderwritingTestBed;

  beforeAll(async () => {
    bed = await UnderwritingTestBed.open('umem');
    await bed.must(RpcPatterns.createInsurer, admin, anInsurer('INS-A'));
    await bed.must(RpcPatterns.createInsurer, admin, anInsurer('INS-B'));
  });
  afterAll(async () => {
    await bed?.close();
  });

  describe('members', () => {
    let planA: PlanView;
    let planB: PlanView;

    beforeAll(async () => {
      planA = await bed.must<PlanView>(RpcPatterns.createPlan, insurerA, aPlan());
      planB = await bed.must<PlanView>(RpcPatterns.createPlan, insurerB, aPlan());
    });

    it('enrols a member on its own plan and publishes the policy snapshot, version 1', async () => {
      const member = aMember(planA.id, { coverageEnd: '2026-12-31' });
      const reply = await bed.call<MemberView>(RpcPatterns.createMember, insurerA, member);
      expect(reply).toEqual({
        ok: true,
        value: {
          ...member,
          insurerId: 'INS-A',
          dateOfDeath: null,
          status: 'active',
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
        },
      });
      const events = await bed.waitForEvents<MemberSnapshot>(Subjects.memberRegistered);
      expect(events.find((message) => message.envelope.data.memberId === member.id)?.envelope.data).toEqual({
        memberId: member.id,
        insurerId: 'INS-A',
        planId: planA.id,
        coverageStart: '2026-01-01',
        coverageEnd: '2026-12-31',
        status: 'active',
        dateOfDeath: null,
        address: anAddress('b'),
        version: 1,
      });
    });

    it.each([
      ['an unknown plan', 'planId', () => ({ planId: 'PLAN-NOPE' })],
      ["another insurer's plan", 'planId', () => ({ planId: planB.id })],
      ['a coverage end before its start', 'coverageEnd', () => ({ coverageEnd: '2025-12-31' })],
      ['a birth date in the future', 'birthDate', () => ({ birthDate: '2999-01-01' })],
      ['a death before birth', 'dateOfDeath', () => ({ dateOfDeath: '1900-01-01' })],
      ['an address that is not 20 bytes', 'address', () => ({ address: '0xabc' })],
    ])('answers VALIDATION for %s, naming %s, and stores nothing', async (_, field, overrides) => {
      const members = await bed.count('members');
      const outbox = await bed.count('outbox');
      const reply = await bed.call(RpcPatterns.createMember, insurerA, aMember(planA.id, overrides()));
      expect(validationFields(reply)).toEqual([field]);
      expect([await bed.count('members'), await bed.count('outbox')]).toEqual([members, outbox]);
    });

    it('answers the same for an unknown plan and for another insurer’s, revealing nothing', async () => {
      const unknown = await bed.call(RpcPatterns.createMember, insurerA, aMember('PLAN-NOPE'));
      const others = await bed.call(RpcPatterns.createMember, insurerA, aMember(planB.id));
      expect(others).toEqual(unknown);
    });

    it('refuses a second enrolment with the same id: overlapping coverage on the dates, anything else on the id', async () => {
      const member = aMember(planA.id, { coverageStart: '2026-01-01', coverageEnd: '2026-06-30' });
      await bed.must(RpcPatterns.createMember, insurerA, member);
      const members = await bed.count('members');
      const overlapping = { ...member, coverageStart: '2026-06-01', coverageEnd: null };
      expect(await bed.call(RpcPatterns.createMember, insurerA, overlapping)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', errors: [{ field: 'coverageStart' }] },
      });
      const later = { ...member, coverageStart: '2027-01-01', coverageEnd: null };
      expect(await bed.call(RpcPatterns.createMember, insurerA, later)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', errors: [{ field: 'id' }] },
      });
      expect(await bed.call(RpcPatterns.createMember, insurerB, { ...overlapping, planId: planB.id })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', errors: [{ field: 'id' }] },
      });
      expect(await bed.count('members')).toBe(members);
    });

    it('changes its own member as a new version and publishes the snapshot', async () => {
      const member = await bed.must<MemberView>(RpcPatterns.createMember, insurerA, aMember(planA.id));
      const reply = await bed.call<MemberView>(RpcPatterns.updateMember, insurerA, {
        id: member.id,
        coverageEnd: '2026-09-30',
        status: 'cancelled',
      });
      expect(reply).toMatchObject({
        ok: true,
        value: { id: member.id, coverageEnd: '2026-09-30', status: 'cancelled' },
      });
      const events = await bed.waitForEvents<MemberSnapshot>(Subjects.memberUpdated);
      const snapshots = events.filter((message) => message.envelope.data.memberId === member.id);
      expect(snapshots.map((message) => message.envelope.data)).toEqual([
        expect.objectContaining({ version: 2, status: 'cancelled', coverageEnd: '2026-09-30' }),
      ]);
    });

    it('answers NOT_FOUND when an insurer changes another insurer’s member, and VALIDATION for impossible dates', async () => {
      const member = await bed.must<MemberView>(RpcPatterns.createMember, insurerA, aMember(planA.id));
      expect(await bed.call(RpcPatterns.updateMember, insurerB, { id: member.id, status: 'cancelled' })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await bed.call(RpcPatterns.updateMember, insurerB, { id: 'M-NOBODY', status: 'cancelled' })).toMatchObject(
        {
          ok: false,
          error: { code: 'NOT_FOUND' },
        },
      );
      expect(
        validationFields(
          await bed.call(RpcPatterns.updateMember, insurerA, { id: member.id, coverageEnd: '2025-01-01' }),
        ),
      ).toEqual(['coverageEnd']);
      const [row] = await bed.dataSource.query(`SELECT status, version FROM members WHERE id = $1`, [member.id]);
      expect(row).toEqual({ status: 'active', version: 1 });
    });
  });
});
