import { OPS_AUTHORIZATION } from '#libs/testing';
import { startApiStack, type ApiStack } from './support/api-stack.js';
import { call } from './support/http.js';
import { aMember, aPlan, addressOf, SetUpClient } from './support/set-up-builders.js';

const THIS_YEAR = new Date().getUTCFullYear();

/**
 * API.md Set-up through the real gateway, underwriting and billing processes: an admin registers an
 * insurer, the insurer defines a plan and enrols members, and eligibility shows the plan and the
 * plan year's accumulators to the insurer, clinics and the member, and to no one else.
 */
describe('set-up API: insurer, plan, member, eligibility, quotes', () => {
  let stack: ApiStack;
  let admin: SetUpClient;
  let insurer: SetUpClient;
  let otherInsurer: SetUpClient;
  let clinic: SetUpClient;
  let plan: Record<string, unknown>;

  beforeAll(async () => {
    stack = await startApiStack('apisu', {}, ['underwriting', 'billing']);
    const as = async (claims: Parameters<ApiStack['token']>[0]) =>
      new SetUpClient(stack.gatewayUrl, await stack.token(claims));
    admin = await as({ role: 'admin' });
    insurer = await as({ role: 'insurer', org: 'I-SU' });
    otherInsurer = await as({ role: 'insurer', org: 'I-OTHER' });
    clinic = await as({ role: 'clinic', org: 'P-1' });
  });
  afterAll(() => stack?.stop());

  it('runs billing with its database, the bus and its request/reply server all ready', async () => {
    const ready = await call('GET', `${stack.serviceUrl('billing')}/health/ready`, { headers: OPS_AUTHORIZATION });
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, nats: { status: 'up' }, rpc: { status: 'up' } },
    });
  });

  it('lets an admin register insurers', async () => {
    const created = await admin.send('POST', '/v1/insurers', {
      id: 'I-SU',
      name: 'Set-up Health',
      address: addressOf(1),
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: 'I-SU',
      name: 'Set-up Health',
      address: addressOf(1),
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    await admin.expect(201, 'POST', '/v1/insurers', { id: 'I-OTHER', name: 'Other Health', address: addressOf(2) });
  });

  it('lets the insurer define a plan, stored as given and owned by it', async () => {
    const created = await insurer.send('POST', '/v1/plans', aPlan('PLAN-SU'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...aPlan('PLAN-SU'), insurerId: 'I-SU' });
    plan = created.body;
  });

  it('enrols a member, active and open-ended, and shows it eligible with its plan and zero accumulators', async () => {
    const created = await insurer.send('POST', '/v1/members', aMember('M-SU', 'PLAN-SU'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'M-SU',
      insurerId: 'I-SU',
      planId: 'PLAN-SU',
      coverageStart: '2026-01-01',
      coverageEnd: null,
      dateOfDeath: null,
      status: 'active',
    });

    const eligibility = await insurer.expect(200, 'GET', '/v1/members/M-SU/eligibility?date=2026-03-14');
    expect(eligibility).toEqual({
      memberId: 'M-SU',
      date: '2026-03-14',
      eligible: true,
      reasons: [],
      plan,
      accumulators: { year: 2026, deductibleMet: 0, oopMet: 0, planPaid: 0 },
    });
  });

  it('checks today by default, with the accumulators of this plan year', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const eligibility = await insurer.expect(200, 'GET', '/v1/members/M-SU/eligibility');
    expect(eligibility).toMatchObject({ date: today, accumulators: { year: THIS_YEAR } });
  });

  it('shows the accumulators billing holds for the plan year of the date', async () => {
    await stack.sql(
      'billing',
      `INSERT INTO accumulators (member_id, plan_year, deductible_met, oop_met, plan_paid) VALUES ($1, $2, $3, $4, $5)`,
      ['M-SU', 2025, 50000, 61000, 9000000000000],
    );
    const lastYear = await insurer.expect(200, 'GET', '/v1/members/M-SU/eligibility?date=2025-12-31');
    expect(lastYear).toMatchObject({
      eligible: false,
      reasons: ['NOT_ELIGIBLE'],
      accumulators: { year: 2025, deductibleMet: 50000, oopMet: 61000, planPaid: 9000000000000 },
    });
    const thisYear = await insurer.expect(200, 'GET', '/v1/members/M-SU/eligibility?date=2026-01-01');
    expect(thisYear.accumulators).toEqual({ year: 2026, deductibleMet: 0, oopMet: 0, planPaid: 0 });
  });

  it('lets a clinic check any member, and the patient only themself', async () => {
    await clinic.expect(200, 'GET', '/v1/members/M-SU/eligibility?date=2026-03-14');
    await insurer.expect(201, 'POST', '/v1/members', aMember('M-SU-2', 'PLAN-SU'));
    const patient = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'patient', patient: 'M-SU' }));
    const own = await patient.expect(200, 'GET', '/v1/members/M-SU/eligibility?date=2026-03-14');
    expect(own).toMatchObject({ memberId: 'M-SU', eligible: true });
    const another = await patient.send('GET', '/v1/members/M-SU-2/eligibility?date=2026-03-14');
    const missing = await patient.send('GET', '/v1/members/M-NOBODY/eligibility?date=2026-03-14');
    expect(another.status).toBe(404);
    expect(another.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(another.body.detail).toBe(missing.body.detail);
  });

  it('hides the member from another insurer, for reading and for changing (404)', async () => {
    const read = await otherInsurer.send('GET', '/v1/members/M-SU/eligibility?date=2026-03-14');
    const change = await otherInsurer.send('PATCH', '/v1/members/M-SU', { status: 'cancelled' });
    const missing = await otherInsurer.send('PATCH', '/v1/members/M-NOBODY', { status: 'cancelled' });
    for (const response of [read, change]) {
      expect(response.status).toBe(404);
      expect(response.body.detail).toBe(missing.body.detail);
    }
    const still = await insurer.expect(200, 'GET', '/v1/members/M-SU/eligibility?date=2026-03-14');
    expect(still.eligible).toBe(true);
  });

  it('answers another insurer’s member or plan id exactly as the caller’s own taken one (409), naming neither', async () => {
    await insurer.expect(201, 'POST', '/v1/members', aMember('M-SU-OWN', 'PLAN-SU', { coverageEnd: '2026-06-30' }));
    const later = { coverageStart: '2027-01-01', coverageEnd: null };
    const onTheirs = await otherInsurer.send('POST', '/v1/plans', aPlan('PLAN-SU', { name: 'Copy' }));
    const onOurs = await insurer.send('POST', '/v1/plans', aPlan('PLAN-SU', { name: 'Copy' }));
    await otherInsurer.expect(201, 'POST', '/v1/plans', aPlan('PLAN-SU-OTHER'));
    const onTheirMember = await otherInsurer.send('POST', '/v1/members', aMember('M-SU', 'PLAN-SU-OTHER', later));
    const onOurMember = await insurer.send('POST', '/v1/members', aMember('M-SU-OWN', 'PLAN-SU', later));
    const shown = ({ status, body }: { status: number; body: Record<string, unknown> }) => ({
      status,
      title: body.title,
      detail: body.detail,
      errors: body.errors,
    });
    expect(shown(onTheirs)).toEqual(shown(onOurs));
    expect(shown(onTheirMember)).toEqual(shown(onOurMember));
    expect(shown(onTheirMember)).toMatchObject({ status: 409, errors: [{ field: 'id' }] });
    expect(JSON.stringify([onTheirs.body, onTheirMember.body])).not.toMatch(/I-SU|already exists|M-SU/);
  });

  it('applies the insurer’s changes: an end of coverage, then a cancellation', async () => {
    await insurer.expect(201, 'POST', '/v1/members', aMember('M-SU-3', 'PLAN-SU'));
    const ended = await insurer.expect(200, 'PATCH', '/v1/members/M-SU-3', { coverageEnd: '2026-06-30' });
    expect(ended).toMatchObject({ coverageEnd: '2026-06-30', status: 'active' });
    const after = await insurer.expect(200, 'GET', '/v1/members/M-SU-3/eligibility?date=2026-07-01');
    expect(after).toMatchObject({ eligible: false, reasons: ['NOT_ELIGIBLE'] });
    const before = await insurer.expect(200, 'GET', '/v1/members/M-SU-3/eligibility?date=2026-06-30');
    expect(before).toMatchObject({ eligible: true, reasons: [] });

    const cancelled = await insurer.expect(200, 'PATCH', '/v1/members/M-SU-3', { status: 'cancelled' });
    expect(cancelled).toMatchObject({ status: 'cancelled' });
    const now = await insurer.expect(200, 'GET', '/v1/members/M-SU-3/eligibility?date=2026-03-14');
    expect(now).toMatchObject({ eligible: false, reasons: ['NOT_ELIGIBLE'] });
  });

  it('reports a waiting period from the coverage start', async () => {
    await insurer.expect(201, 'POST', '/v1/plans', aPlan('PLAN-SU-WAIT', { waitingPeriodDays: 30 }));
    await insurer.expect(
      201,
      'POST',
      '/v1/members',
      aMember('M-SU-WAIT', 'PLAN-SU-WAIT', { coverageStart: '2026-03-01' }),
    );
    const waiting = await insurer.expect(200, 'GET', '/v1/members/M-SU-WAIT/eligibility?date=2026-03-30');
    expect(waiting).toMatchObject({ eligible: false, reasons: ['WAITING_PERIOD'] });
    const covered = await insurer.expect(200, 'GET', '/v1/members/M-SU-WAIT/eligibility?date=2026-03-31');
    expect(covered).toMatchObject({ eligible: true, reasons: [] });
  });

  it('quotes a premium on the insurer’s own plan, the same each time, with every factor’s effect', async () => {
    const body = {
      planId: 'PLAN-SU',
      applicant: { birthDate: '1980-05-17', smoker: true, chronicConditions: ['asthma'] },
    };
    const quote = await insurer.expect(200, 'POST', '/v1/quotes', body);
    expect(quote).toMatchObject({
      planId: 'PLAN-SU',
      currency: 'USD',
      annualPremium: expect.any(Number),
      riskScore: expect.any(Number),
    });
    expect(Number.isSafeInteger(quote.annualPremium)).toBe(true);
    const factors = quote.factors as { name: string; effect: string }[];
    expect(factors.length).toBeGreaterThanOrEqual(3);
    for (const factor of factors) expect(factor).toEqual({ name: expect.any(String), effect: expect.any(String) });
    expect(await insurer.expect(200, 'POST', '/v1/quotes', body)).toEqual(quote);

    const nonSmoker = await insurer.expect(200, 'POST', '/v1/quotes', {
      ...body,
      applicant: { ...body.applicant, smoker: false },
    });
    expect(nonSmoker.annualPremium as number).toBeLessThan(quote.annualPremium as number);
    expect((await otherInsurer.send('POST', '/v1/quotes', body)).status).toBe(404);
  });
});
