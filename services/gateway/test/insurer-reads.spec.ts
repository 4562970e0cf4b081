import { RpcPatterns } from '#libs/contracts';
import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import { request } from './support/http-client.js';
import { refusedAtTheGateway } from './support/refused.js';
import { aPlanBody } from './support/set-up-bodies.js';

const PLAN = { ...aPlanBody(), id: 'PLAN-1', insurerId: 'I-1', createdAt: '2026-03-01T09:00:00.000Z' };
const MEMBER = {
  id: 'M-7',
  insurerId: 'I-1',
  name: 'Ada Lovelace',
  birthDate: '1985-12-10',
  planId: PLAN.id,
  coverageStart: '2026-01-01',
  coverageEnd: null,
  address: `0x${'b'.repeat(40)}`,
  dateOfDeath: null,
  status: 'active',
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:00.000Z',
};
const SUMMARY = {
  items: [
    {
      status: 'approved',
      currency: 'USD',
      count: 2,
      billed: 30001,
      allowed: 24001,
      planPays: 19200,
      patientPays: 4801,
    },
  ],
};

/** GET /v1/plans, /v1/members and /v1/claims/summary: what reaches the services, and what never does. */
describe('insurer reads: plans, members, claims by status', () => {
  let gateway: GatewayHarness;
  let insurer: string;

  beforeAll(async () => {
    gateway = await startGateway();
    insurer = await gateway.token({ role: 'insurer', org: 'I-1', sub: 'underwriter-3' });
  });
  afterAll(() => gateway.stop());
  beforeEach(() => gateway.standIn.reset(() => ({ reply: { ok: true, value: { items: [], nextCursor: null } } })));

  const get = async (path: string, token = insurer) => request('GET', `${gateway.url}${path}`, undefined, { token });
  const payloads = () => gateway.standIn.calls.map((call) => [call.pattern, call.request.payload]);

  it('forwards list queries with the default page size and only the filters given', async () => {
    gateway.standIn.reset((call) => ({
      reply: {
        ok: true,
        value:
          call.pattern === RpcPatterns.listPlans
            ? { items: [PLAN], nextCursor: null }
            : call.pattern === RpcPatterns.listMembers
              ? { items: [MEMBER], nextCursor: 'abc' }
              : SUMMARY,
      },
    }));
    expect((await get('/v1/plans')).body).toEqual({ items: [PLAN], nextCursor: null });
    expect((await get('/v1/members?planId=PLAN-1&status=cancelled&limit=2&cursor=abc')).body).toEqual({
      items: [MEMBER],
      nextCursor: 'abc',
    });
    expect((await get('/v1/members?status=')).status).toBe(200);
    expect((await get('/v1/claims/summary?from=2026-03-01&to=2026-03-31')).body).toEqual(SUMMARY);
    expect((await get('/v1/claims/summary')).status).toBe(200);
    expect(payloads()).toEqual([
      [RpcPatterns.listPlans, { limit: 50 }],
      [RpcPatterns.listMembers, { limit: 2, planId: 'PLAN-1', status: 'cancelled', cursor: 'abc' }],
      [RpcPatterns.listMembers, { limit: 50 }],
      [RpcPatterns.claimsSummary, { from: '2026-03-01', to: '2026-03-31' }],
      [RpcPatterns.claimsSummary, {}],
    ]);
  });

  it('reads one plan or member by id, and answers 404 for a path that names none without asking', async () => {
    gateway.standIn.reset((call) => ({
      reply: { ok: true, value: call.pattern === RpcPatterns.getPlan ? PLAN : MEMBER },
    }));
    expect((await get(`/v1/plans/${PLAN.id}`)).body).toEqual(PLAN);
    expect((await get('/v1/members/M-7')).body).toEqual(MEMBER);
    expect(payloads()).toEqual([
      [RpcPatterns.getPlan, { id: PLAN.id }],
      [RpcPatterns.getMember, { id: 'M-7' }],
    ]);
    gateway.standIn.reset(() => ({ reply: { ok: true, value: PLAN } }));
    refusedAtTheGateway(gateway, await get('/v1/plans/bad%20id'), 404, 'not-found');
    refusedAtTheGateway(gateway, await get('/v1/members/bad%20id'), 404, 'not-found');
  });

  it('answers 404 when the service hides another insurer’s plan or member', async () => {
    gateway.standIn.reset(() => ({ reply: { ok: false, error: { code: 'NOT_FOUND', detail: 'no such member' } } }));
    const response = await get('/v1/members/M-9');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ type: 'urn:problem:healthclaims:not-found', detail: 'no such member' });
  });

  it.each([
    ['/v1/members?status=lapsed', 'status'],
    ['/v1/members?planId=no%20spaces', 'planId'],
    ['/v1/members?limit=0', 'limit'],
    ['/v1/plans?limit=501', 'limit'],
    ['/v1/plans?cursor=%20', 'cursor'],
    ['/v1/claims/summary?from=2026-02-30', 'from'],
    ['/v1/claims/summary?to=31.03.2026', 'to'],
  ])('refuses %s with a 400 naming %s, asking no service', async (path, field) => {
    const fields = refusedAtTheGateway(gateway, await get(path)).map((error) => error.field);
    expect(fields).toEqual([field]);
  });

  it('passes on the service’s 400 naming `to` when it is before `from`', async () => {
    gateway.standIn.reset(() => ({
      reply: {
        ok: false,
        error: { code: 'VALIDATION', detail: 'to must not be before from', errors: [{ field: 'to', message: 'x' }] },
      },
    }));
    const response = await get('/v1/claims/summary?from=2026-03-02&to=2026-03-01');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ errors: [{ field: 'to' }] });
  });

  it.each([
    ['clinic', '/v1/plans'],
    ['clinic', '/v1/members'],
    ['clinic', '/v1/members/M-7'],
    ['patient', '/v1/plans/PLAN-1'],
    ['patient', '/v1/members'],
    ['patient', '/v1/claims/summary'],
    ['analyst', '/v1/claims/summary'],
    ['analyst', '/v1/members'],
    ['admin', '/v1/claims/summary'],
  ] as const)('refuses a %s %s with 403', async (role, path) => {
    const token = await gateway.token({ role, org: 'P-1', patient: 'M-7' });
    refusedAtTheGateway(gateway, await get(path, token), 403, 'forbidden');
  });
});
