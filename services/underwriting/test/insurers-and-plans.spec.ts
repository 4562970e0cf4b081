import { RpcPatterns, Subjects, type InsurerView, type PlanRegistered, type PlanView } from '#libs/contracts';
import { admin, anAddress, anInsurer, aPlan, clinic, insurerA, insurerB } from './support/underwriting-builders.js';
import { validationFields } from './support/replies.js';
import { UnderwritingTestBed } from './support/underwriting-test-bed.js';

describe('insurers and plans over request/reply', () => {
  let bed: UnderwritingTestBed;

  beforeAll(async () => {
    bed = await UnderwritingTestBed.open('uinp');
    await bed.must(RpcPatterns.createInsurer, admin, anInsurer('INS-A'));
    await bed.must(RpcPatterns.createInsurer, admin, anInsurer('INS-B'));
  });
  afterAll(async () => {
    await bed?.close();
  });

  describe('insurers', () => {
    it('registers an insurer and tells the ledger bridge its address', async () => {
      const reply = await bed.call<InsurerView>(RpcPatterns.createInsurer, admin, {
        id: 'INS-C',
        name: 'Insurer C',
        address: anAddress('c'),
      });
      expect(reply).toEqual({
        ok: true,
        value: { id: 'INS-C', name: 'Insurer C', address: anAddress('c'), createdAt: expect.any(String) },
      });
      const [event] = await bed
        .waitForEvents(Subjects.insurerRegistered, { count: 3 })
        .then((events) =>
          events.filter((message) => (message.envelope.data as { insurerId: string }).insurerId === 'INS-C'),
        );
      expect(event.envelope.data).toEqual({ insurerId: 'INS-C', address: anAddress('c') });
    });

    it('refuses a duplicate id, a bad address and any caller but an admin, storing nothing', async () => {
      const before = await bed.count('insurers');
      expect(await bed.call(RpcPatterns.createInsurer, admin, anInsurer('INS-A'))).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', errors: [{ field: 'id' }] },
      });
      expect(
        validationFields(await bed.call(RpcPatterns.createInsurer, admin, { ...anInsurer('INS-D'), address: '0x12' })),
      ).toEqual(['address']);
      expect(await bed.call(RpcPatterns.createInsurer, insurerA, anInsurer('INS-E'))).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(await bed.count('insurers')).toBe(before);
    });
  });

  describe('plans', () => {
    it('registers a plan for the calling insurer and publishes its benefits', async () => {
      const plan = aPlan();
      const reply = await bed.call<PlanView>(RpcPatterns.createPlan, insurerA, plan);
      expect(reply).toEqual({ ok: true, value: { ...plan, insurerId: 'INS-A', createdAt: expect.any(String) } });
      const events = await bed.waitForEvents<PlanRegistered>(Subjects.planRegistered);
      expect(events.find((message) => message.envelope.data.planId === plan.id)?.envelope.data).toEqual({
        planId: plan.id,
        insurerId: 'INS-A',
        name: 'Silver',
        benefits: {
          currency: 'USD',
          deductible: 50_000,
          coinsurancePct: 20,
          outOfNetworkCoinsurancePct: 40,
          copays: { office_visit: 2_500 },
          oopMax: 300_000,
          annualLimit: 0,
        },
        coveredCategories: plan.coveredCategories,
        coveredCodes: ['90834'],
        excludedCodes: ['70551'],
        preauthCodes: ['73721'],
        waitingPeriodDays: 0,
      });
    });

    it.each([
      ['coveredCodes[1]', { coveredCodes: ['90834', 'ZZ999'] }],
      ['excludedCodes[0]', { excludedCodes: ['ZZ998'] }],
      ['copays.dental', { copays: { dental: 1_000 } }],
      ['coinsurancePct', { coinsurancePct: 101 }],
      ['outOfNetworkCoinsurancePct', { outOfNetworkCoinsurancePct: -5 }],
      ['deductible', { deductible: 100.5 }],
      ['currency', { currency: 'dollars' }],
    ])('answers VALIDATION naming %s and stores nothing', async (field, overrides) => {
      const plans = await bed.count('plans');
      const outbox = await bed.count('outbox');
      expect(validationFields(await bed.call(RpcPatterns.createPlan, insurerA, aPlan(overrides)))).toEqual([field]);
      expect([await bed.count('plans'), await bed.count('outbox')]).toEqual([plans, outbox]);
    });

    it('refuses a taken id, a clinic, and an insurer no admin registered', async () => {
      const plan = aPlan();
      await bed.must(RpcPatterns.createPlan, insurerA, plan);
      expect(await bed.call(RpcPatterns.createPlan, insurerB, { ...plan, name: 'Copy' })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', errors: [{ field: 'id' }] },
      });
      expect(await bed.call(RpcPatterns.createPlan, clinic, aPlan())).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      const stranger = { sub: 'x', role: 'insurer' as const, org: 'INS-UNKNOWN' };
      expect(await bed.call(RpcPatterns.createPlan, stranger, aPlan())).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    });
  });
});
