import { RpcPatterns } from '#libs/contracts';
import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import { request } from './support/http-client.js';
import { aMemberBody, aPlanBody, aQuoteBody } from './support/set-up-bodies.js';
import type { ReceivedCall } from './support/stand-in-services.js';

const PLAN = { ...aPlanBody(), insurerId: 'I-1', createdAt: '2026-03-01T09:00:00.000Z' };
const ACCUMULATORS = { year: 2026, deductibleMet: 1200, oopMet: 3400, planPaid: 5600 };

/** Answers eligibility as underwriting and billing would, each from its own pattern. */
function eligibilityServices(call: ReceivedCall) {
  const payload = call.request.payload as { memberId: string; date: string; year: number };
  if (call.pattern === RpcPatterns.memberEligibility) {
    const value = {
      memberId: payload.memberId,
      insurerId: 'I-1',
      date: payload.date,
      eligible: true,
      reasons: [],
      plan: PLAN,
    };
    return { reply: { ok: true, value } as const };
  }
  return { reply: { ok: true, value: { ...ACCUMULATORS, year: payload.year } } as const };
}

/** What the gateway sends the services for the set-up endpoints, and how it composes their answers. */
describe('set-up endpoints: what reaches the services', () => {
  let gateway: GatewayHarness;
  let insurer: string;

  beforeAll(async () => {
    gateway = await startGateway();
    insurer = await gateway.token({ role: 'insurer', org: 'I-1', sub: 'underwriter-3' });
  });
  afterAll(() => gateway.stop());
  beforeEach(() => gateway.standIn.reset(() => ({ reply: { ok: true, value: { id: 'x' } } })));

  const payloads = () => gateway.standIn.calls.map((call) => [call.pattern, call.request.payload]);

  it('forwards a plan as it was sent and answers 201 with what underwriting stored', async () => {
    gateway.standIn.reset(() => ({ reply: { ok: true, value: PLAN } }));
    const response = await request('POST', `${gateway.url}/v1/plans`, aPlanBody(), { token: insurer });
    expect(response.status).toBe(201);
    expect(response.body).toEqual(PLAN);
    expect(payloads()).toEqual([[RpcPatterns.createPlan, aPlanBody()]]);
    expect(gateway.standIn.calls[0].request.principal).toEqual({ sub: 'underwriter-3', role: 'insurer', org: 'I-1' });
  });

  it('sends open-ended coverage as a null coverage end, whether it came as null or absent', async () => {
    await request('POST', `${gateway.url}/v1/members`, aMemberBody({ coverageEnd: null }), { token: insurer });
    await request('POST', `${gateway.url}/v1/members`, aMemberBody({ coverageEnd: undefined }), { token: insurer });
    const expected = { ...aMemberBody(), coverageEnd: null, dateOfDeath: null };
    expect(payloads()).toEqual([
      [RpcPatterns.createMember, expected],
      [RpcPatterns.createMember, expected],
    ]);
  });

  it('sends a PATCH as the member id and only the fields given, a null kept as a removal', async () => {
    const response = await request(
      'PATCH',
      `${gateway.url}/v1/members/M-7`,
      { status: 'cancelled', coverageEnd: null },
      {
        token: insurer,
      },
    );
    expect(response.status).toBe(200);
    expect(payloads()).toEqual([[RpcPatterns.updateMember, { id: 'M-7', status: 'cancelled', coverageEnd: null }]]);
  });

  it('answers a quote with 200 and sends the applicant as given', async () => {
    const quote = { planId: 'PLAN-1', currency: 'USD', annualPremium: 812345, riskScore: 12, factors: [] };
    gateway.standIn.reset(() => ({ reply: { ok: true, value: quote } }));
    const response = await request('POST', `${gateway.url}/v1/quotes`, aQuoteBody(), { token: insurer });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(quote);
    expect(payloads()).toEqual([[RpcPatterns.createQuote, aQuoteBody()]]);
  });

  it('asks underwriting, then billing for the plan year of the date, and puts the answers together', async () => {
    gateway.standIn.reset(eligibilityServices);
    const response = await request('GET', `${gateway.url}/v1/members/M-1/eligibility?date=2025-12-31`, undefined, {
      token: insurer,
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      memberId: 'M-1',
      date: '2025-12-31',
      eligible: true,
      reasons: [],
      plan: PLAN,
      accumulators: { ...ACCUMULATORS, year: 2025 },
    });
    expect(payloads()).toEqual([
      [RpcPatterns.memberEligibility, { memberId: 'M-1', date: '2025-12-31' }],
      [RpcPatterns.memberAccumulators, { memberId: 'M-1', year: 2025 }],
    ]);
  });

  it('checks eligibility for today (UTC) when no date is given', async () => {
    gateway.standIn.reset(eligibilityServices);
    const today = new Date().toISOString().slice(0, 10);
    const response = await request('GET', `${gateway.url}/v1/members/M-1/eligibility?date=`, undefined, {
      token: insurer,
    });
    expect(response.body).toMatchObject({ date: today, accumulators: { year: Number(today.slice(0, 4)) } });
  });

  it('answers 404 when underwriting hides the member, and then never asks billing', async () => {
    gateway.standIn.reset(() => ({ reply: { ok: false, error: { code: 'NOT_FOUND', detail: 'no such member' } } }));
    const patient = await gateway.token({ role: 'patient', patient: 'M-2' });
    const response = await request('GET', `${gateway.url}/v1/members/M-1/eligibility`, undefined, { token: patient });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ type: 'urn:problem:healthclaims:not-found', detail: 'no such member' });
    expect(payloads().map(([pattern]) => pattern)).toEqual([RpcPatterns.memberEligibility]);
  });

  it('answers 503 when billing does not answer, though underwriting did', async () => {
    gateway.standIn.reset((call) =>
      call.pattern === RpcPatterns.memberAccumulators ? 'silence' : eligibilityServices(call),
    );
    const response = await request('GET', `${gateway.url}/v1/members/M-1/eligibility`, undefined, { token: insurer });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
  });

  it.each([
    [
      {
        code: 'VALIDATION',
        detail: 'the member is not valid',
        errors: [{ field: 'planId', message: 'is not one of your plans' }],
      },
      400,
    ],
    [
      { code: 'CONFLICT', detail: 'member M-1 already exists', errors: [{ field: 'id', message: 'is already taken' }] },
      409,
    ],
    [{ code: 'FORBIDDEN', detail: 'role insurer may not do this' }, 403],
    [{ code: 'NOT_FOUND', detail: 'no such plan' }, 404],
    [{ code: 'UNAVAILABLE', detail: 'could not enrol the member now; try again' }, 503],
  ] as const)('answers underwriting’s %j with %i and its detail', async (error, status) => {
    gateway.standIn.reset(() => ({ reply: { ok: false, error } }));
    const response = await request('POST', `${gateway.url}/v1/members`, aMemberBody(), { token: insurer });
    expect(response.status).toBe(status);
    expect(response.body.detail).toBe(error.detail);
    if ('errors' in error) expect(response.body.errors).toEqual(error.errors);
  });
});
