import { waitFor } from '#libs/testing';
import { startApiStack, type ApiStack } from './support/api-stack.js';
import { call } from './support/http.js';
import { aMember, aPlan, addressOf, SetUpClient } from './support/set-up-builders.js';

const today = new Date().toISOString().slice(0, 10);
const anEstimate = (overrides: Record<string, unknown> = {}) => ({
  memberId: 'M-RULES',
  providerId: 'P-1',
  plannedDate: today,
  lines: [{ code: '99213', units: 1, charge: 15_000 }],
  ...overrides,
});

/** Bad estimate requests are refused at the edge with the field named, and nothing is stored. */
describe('billing API: input rules', () => {
  let stack: ApiStack;
  let clinic: string;

  beforeAll(async () => {
    stack = await startApiStack('apibrul', {}, ['underwriting', 'billing']);
    clinic = await stack.token({ role: 'clinic', org: 'P-1' });
    const admin = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'admin' }));
    const insurer = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'insurer', org: 'I-RUL' }));
    await admin.expect(201, 'POST', '/v1/insurers', { id: 'I-RUL', name: 'Rules Health', address: addressOf(41) });
    await admin.expect(201, 'POST', '/v1/providers', { id: 'P-1', name: 'Clinic One', address: addressOf(42) });
    await insurer.expect(201, 'POST', '/v1/plans', aPlan('PLAN-RUL'));
    await insurer.expect(201, 'POST', '/v1/members', aMember('M-RULES', 'PLAN-RUL'));
  });
  afterAll(() => stack?.stop());

  it.each([
    ['an unknown member', anEstimate({ memberId: 'M-NOBODY' }), 'memberId'],
    ['another clinic as provider', anEstimate({ providerId: 'P-2' }), 'providerId'],
    ['zero units', anEstimate({ lines: [{ code: '99213', units: 0, charge: 100 }] }), 'lines[0].units'],
    ['fractional units', anEstimate({ lines: [{ code: '99213', units: 1.5, charge: 100 }] }), 'lines[0].units'],
    ['a negative charge', anEstimate({ lines: [{ code: '99213', units: 1, charge: -1 }] }), 'lines[0].charge'],
    ['a malformed code', anEstimate({ lines: [{ code: '9921', units: 1, charge: 100 }] }), 'lines[0].code'],
    ['a planned date in the past', anEstimate({ plannedDate: '2020-01-01' }), 'plannedDate'],
  ])('refuses %s, naming the field and storing nothing', async (_what, body, field) => {
    const response = await call('POST', `${stack.gatewayUrl}/v1/estimates`, { token: clinic, body });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect((response.body.errors as { field: string }[]).map((error) => error.field)).toContain(field);
    expect(await stack.storedRows('billing', 'estimates')).toBe(0);
  });

  /** Billing learns the plan from underwriting's event: until it has, an estimate is a 503 to retry. */
  async function estimate(body: Record<string, unknown>, headers: Record<string, string> = {}) {
    return waitFor(
      async () => {
        const response = await call('POST', `${stack.gatewayUrl}/v1/estimates`, { token: clinic, body, headers });
        return response.status === 503 ? undefined : response;
      },
      { what: 'billing to know the plan' },
    );
  }

  it('denies a well-formed code missing from the reference table as UNKNOWN_CODE', async () => {
    const response = await estimate(anEstimate({ lines: [{ code: 'ZZ999', units: 1, charge: 100 }] }));
    expect(response.status).toBe(201);
    expect(response.body.lines).toEqual([
      expect.objectContaining({ status: 'denied', reason: 'UNKNOWN_CODE', planPays: 0 }),
    ]);
  });

  it('honours Idempotency-Key: the same key and body replay the estimate, another body under it is a 409', async () => {
    const body = anEstimate({ lines: [{ code: '85025', units: 1, charge: 4000 }] });
    const key = { 'idempotency-key': `est-${Date.now()}` };
    const first = await estimate(body, key);
    expect(first.status).toBe(201);
    const stored = await stack.storedRows('billing', 'estimates');
    const again = await estimate(body, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await estimate({ ...body, lines: [{ code: '85025', units: 2, charge: 8000 }] }, key);
    expect(other.status).toBe(409);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect(await stack.storedRows('billing', 'estimates')).toBe(stored);
  });
});
