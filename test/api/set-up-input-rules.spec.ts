import { startApiStack, type ApiStack } from './support/api-stack.js';
import type { ApiResponse } from './support/http.js';
import { aMember, aPlan, addressOf, SetUpClient } from './support/set-up-builders.js';

/**
 * Bad set-up input through the real gateway and underwriting: a 4xx problem+json naming the field,
 * and nothing stored, whether the gateway refuses it (shape) or underwriting does (stored facts).
 */
describe('set-up API: bad input is refused, naming the field, and nothing is stored', () => {
  let stack: ApiStack;
  let admin: SetUpClient;
  let insurer: SetUpClient;
  let otherInsurer: SetUpClient;

  const counts = async () => ({
    insurers: await stack.storedRows('underwriting', 'insurers'),
    plans: await stack.storedRows('underwriting', 'plans'),
    members: await stack.storedRows('underwriting', 'members'),
  });
  let before: Awaited<ReturnType<typeof counts>>;

  beforeAll(async () => {
    stack = await startApiStack('apisuin', {}, ['underwriting', 'billing']);
    admin = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'admin' }));
    insurer = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'insurer', org: 'I-IN' }));
    otherInsurer = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'insurer', org: 'I-IN-2' }));
    await admin.expect(201, 'POST', '/v1/insurers', { id: 'I-IN', name: 'Input Health', address: addressOf(11) });
    await admin.expect(201, 'POST', '/v1/insurers', { id: 'I-IN-2', name: 'Other Health', address: addressOf(12) });
    await insurer.expect(201, 'POST', '/v1/plans', aPlan('PLAN-IN'));
    await otherInsurer.expect(201, 'POST', '/v1/plans', aPlan('PLAN-IN-2'));
    await insurer.expect(201, 'POST', '/v1/members', aMember('M-IN', 'PLAN-IN', { coverageEnd: '2026-06-30' }));
  });
  afterAll(() => stack?.stop());
  beforeEach(async () => {
    before = await counts();
  });
  afterEach(async () => {
    expect(await counts()).toEqual(before);
  });

  function expectFields(response: ApiResponse, status: number, fields: string[]) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
    expect((response.body.errors as { field: string }[]).map((error) => error.field)).toEqual(fields);
  }

  it('an unknown plan → 400 on planId', async () => {
    expectFields(await insurer.send('POST', '/v1/members', aMember('M-IN-X', 'PLAN-NOPE')), 400, ['planId']);
  });

  it('another insurer’s plan → the same 400 on planId, not a hint that it exists', async () => {
    const theirs = await insurer.send('POST', '/v1/members', aMember('M-IN-X', 'PLAN-IN-2'));
    const none = await insurer.send('POST', '/v1/members', aMember('M-IN-X', 'PLAN-NOPE'));
    expectFields(theirs, 400, ['planId']);
    expect(theirs.body.errors).toEqual(none.body.errors);
  });

  it('coverage that ends before it starts → 400 on coverageEnd', async () => {
    const body = aMember('M-IN-X', 'PLAN-IN', { coverageStart: '2026-05-01', coverageEnd: '2026-04-30' });
    expectFields(await insurer.send('POST', '/v1/members', body), 400, ['coverageEnd']);
  });

  it('an end of coverage before its start, by PATCH → 400 on coverageEnd', async () => {
    expectFields(await insurer.send('PATCH', '/v1/members/M-IN', { coverageEnd: '2025-12-31' }), 400, ['coverageEnd']);
  });

  it('a birth date in the future → 400 on birthDate', async () => {
    expectFields(
      await insurer.send('POST', '/v1/members', aMember('M-IN-X', 'PLAN-IN', { birthDate: '2999-01-01' })),
      400,
      ['birthDate'],
    );
  });

  it('impossible dates → 400 on each', async () => {
    const body = aMember('M-IN-X', 'PLAN-IN', { birthDate: '1990-02-29', coverageStart: '2026-04-31' });
    expectFields(await insurer.send('POST', '/v1/members', body), 400, ['birthDate', 'coverageStart']);
  });

  it('duplicate ids → 409 naming id, for an insurer, a plan and a member', async () => {
    const insurerAgain = await admin.send('POST', '/v1/insurers', {
      id: 'I-IN',
      name: 'Again',
      address: addressOf(13),
    });
    const planAgain = await insurer.send('POST', '/v1/plans', aPlan('PLAN-IN', { name: 'Again' }));
    const theirPlanId = await insurer.send('POST', '/v1/plans', aPlan('PLAN-IN-2'));
    const memberAgain = await insurer.send(
      'POST',
      '/v1/members',
      aMember('M-IN', 'PLAN-IN', { coverageStart: '2027-01-01', coverageEnd: null }),
    );
    for (const response of [insurerAgain, planAgain, theirPlanId, memberAgain]) expectFields(response, 409, ['id']);
  });

  it('overlapping coverage for the same member → 409 naming the coverage', async () => {
    const overlapping = aMember('M-IN', 'PLAN-IN', { coverageStart: '2026-06-01', coverageEnd: '2026-12-31' });
    const response = await insurer.send('POST', '/v1/members', overlapping);
    expect(response.status).toBe(409);
    expect((response.body.errors as { field: string }[]).map((error) => error.field)).toEqual([
      expect.stringMatching(/^coverage(Start|End)$/),
    ]);
  });

  it('codes and categories a plan names that the procedure table does not know → 400 naming each', async () => {
    const body = aPlan('PLAN-IN-X', {
      coveredCodes: ['71046', 'ZZ999'],
      excludedCodes: ['QQ000'],
      coveredCategories: ['lab', 'astrology'],
      copays: { office_visit: 2500, teleportation: 100 },
    });
    const response = await insurer.send('POST', '/v1/plans', body);
    expect(response.status).toBe(400);
    expect((response.body.errors as { field: string }[]).map((error) => error.field).sort()).toEqual(
      ['copays.teleportation', 'coveredCategories[1]', 'coveredCodes[1]', 'excludedCodes[0]'].sort(),
    );
  });

  it('percentages outside 0–100 → 400 naming each', async () => {
    const body = aPlan('PLAN-IN-X', { coinsurancePct: 101, outOfNetworkCoinsurancePct: -1 });
    expectFields(await insurer.send('POST', '/v1/plans', body), 400, ['coinsurancePct', 'outOfNetworkCoinsurancePct']);
  });

  it('fractional, negative or string money → 400 naming each', async () => {
    const body = aPlan('PLAN-IN-X', { deductible: 10.5, oopMax: -1, annualLimit: '0', copays: { lab: 1.5 } });
    const response = await insurer.send('POST', '/v1/plans', body);
    expect(response.status).toBe(400);
    expect((response.body.errors as { field: string }[]).map((error) => error.field).sort()).toEqual(
      ['annualLimit', 'copays.lab', 'deductible', 'oopMax'].sort(),
    );
  });

  it('unknown fields → 400 naming them', async () => {
    expectFields(await insurer.send('POST', '/v1/plans', aPlan('PLAN-IN-X', { tier: 'gold' })), 400, ['tier']);
    expectFields(await insurer.send('PATCH', '/v1/members/M-IN', { planId: 'PLAN-IN-2' }), 400, ['planId']);
  });

  it('a role that may not set up → 403, and nothing stored', async () => {
    const clinic = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'clinic', org: 'P-1' }));
    expect((await clinic.send('POST', '/v1/plans', aPlan('PLAN-IN-X'))).status).toBe(403);
    expect((await insurer.send('POST', '/v1/insurers', { id: 'I-X', name: 'X', address: addressOf(14) })).status).toBe(
      403,
    );
    expect((await admin.send('POST', '/v1/members', aMember('M-IN-X', 'PLAN-IN'))).status).toBe(403);
  });
});
