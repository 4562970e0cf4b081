import { OPS_AUTHORIZATION } from '#libs/testing';
import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import { aClaimBody, request } from './support/http-client.js';

const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

describe('gateway headers, forwarding and lists', () => {
  let gateway: GatewayHarness;
  let clinic: string;

  beforeAll(async () => {
    gateway = await startGateway();
    clinic = await gateway.token({ role: 'clinic', org: 'P-1', sub: 'nurse-7' });
  });
  afterAll(() => gateway.stop());
  beforeEach(() => gateway.standIn.reset(() => ({ reply: { ok: true, value: { items: [], nextCursor: 'next-1' } } })));

  it('echoes a sane x-request-id and replaces one that is not', async () => {
    const echoed = await request('GET', `${gateway.url}/health/live`, undefined, {
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(echoed.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await request('GET', `${gateway.url}/health/live`, undefined, {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives every response, errors included, an x-request-id and a W3C traceparent', async () => {
    const responses = [
      await request('GET', `${gateway.url}/v1/claims`, undefined, { token: clinic }),
      await request('GET', `${gateway.url}/v1/claims`),
      await request('GET', `${gateway.url}/no-such-route`),
      await request('POST', `${gateway.url}/v1/claims`, undefined, {
        token: clinic,
        raw: '{',
        headers: { 'content-type': 'application/json' },
      }),
    ];
    for (const response of responses) {
      expect(response.headers.get('x-request-id')).toBeTruthy();
      expect(response.headers.get('traceparent')).toMatch(TRACEPARENT);
    }
    expect(responses[2].body.requestId).toBe(responses[2].headers.get('x-request-id'));
  });

  it('continues the caller’s trace', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await request('GET', `${gateway.url}/health/live`, undefined, {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(response.headers.get('traceparent')).toContain(traceId);
  });

  it('forwards the verified caller, the request id and the validated body to the service', async () => {
    gateway.standIn.reset(() => ({ reply: { ok: true, value: { id: 'c-1', status: 'received' } } }));
    const body = aClaimBody({ lines: [{ code: '99213', units: 2, charge: 300, modifiers: ['25'] }] });
    await request('POST', `${gateway.url}/v1/claims`, body, { token: clinic, headers: { 'x-request-id': 'req-42' } });
    const [call] = gateway.standIn.calls;
    expect(call.pattern).toBe('rpc.claims.submit');
    expect(call.request).toEqual({
      principal: { sub: 'nurse-7', role: 'clinic', org: 'P-1' },
      requestId: 'req-42',
      payload: body,
    });
    expect(call.headers['x-request-id']).toBe('req-42');
  });

  it('lists with a default limit of 50 and passes filters and the cursor on', async () => {
    const page = await request('GET', `${gateway.url}/v1/claims`, undefined, { token: clinic });
    expect(page.status).toBe(200);
    expect(page.body).toEqual({ items: [], nextCursor: 'next-1' });
    await request(
      'GET',
      `${gateway.url}/v1/claims?limit=500&cursor=next-1&status=in_review&memberId=M-1&providerId=`,
      undefined,
      {
        token: clinic,
      },
    );
    expect(gateway.standIn.calls.map((call) => call.request.payload)).toEqual([
      { limit: 50 },
      { limit: 500, cursor: 'next-1', status: 'in_review', memberId: 'M-1' },
    ]);
  });

  it.each([
    ['limit=0'],
    ['limit=501'],
    ['limit=ten'],
    ['limit=1.5'],
    ['status=lost'],
    ['colour=blue'],
    ['limit=5&limit=6'],
  ])('refuses the query %s', async (query) => {
    const response = await request('GET', `${gateway.url}/v1/claims?${query}`, undefined, { token: clinic });
    expect(response.status).toBe(400);
    expect(response.body.type).toBe('urn:problem:healthclaims:validation');
    expect(gateway.standIn.calls).toHaveLength(0);
  });

  it.each([
    ['NUL', 'memberId=M-%00', 'memberId'],
    ['ESC', 'providerId=P-1%1B%5B31m', 'providerId'],
    ['U+202E', 'status=%E2%80%AEpaid', 'status'],
  ])('refuses a query parameter holding %s, naming it', async (_character, query, field) => {
    const response = await request('GET', `${gateway.url}/v1/claims?${query}`, undefined, { token: clinic });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({
      type: 'urn:problem:healthclaims:validation',
      errors: [{ field, message: 'must not contain control characters' }],
    });
    expect(gateway.standIn.calls).toHaveLength(0);
  });

  describe('the fraud queue’s sort and rule filter', () => {
    let analyst: string;
    beforeAll(async () => {
      analyst = await gateway.token({ role: 'analyst', org: 'INS-A', sub: 'ada' });
    });

    it('passes sort and rule on with the other filters, and leaves them out when not asked', async () => {
      const query = 'status=open&minScore=60&rule=DUPLICATE_CLAIM&sort=score&limit=20&cursor=next-1';
      expect(
        (await request('GET', `${gateway.url}/v1/fraud/flags?${query}`, undefined, { token: analyst })).status,
      ).toBe(200);
      await request('GET', `${gateway.url}/v1/fraud/flags?sort=newest`, undefined, { token: analyst });
      await request('GET', `${gateway.url}/v1/fraud/flags`, undefined, { token: analyst });
      expect(gateway.standIn.calls.map((call) => call.request.payload)).toEqual([
        { status: 'open', minScore: 60, rule: 'DUPLICATE_CLAIM', sort: 'score', limit: 20, cursor: 'next-1' },
        { sort: 'newest', limit: 50 },
        { limit: 50 },
      ]);
    });

    it.each([
      ['sort=oldest', 'sort'],
      ['sort=SCORE', 'sort'],
      ['sort=score&sort=newest', 'sort'],
      ['rule=NOT_A_RULE', 'rule'],
      ['rule=duplicate_claim', 'rule'],
      ['rule=DUPLICATE_CLAIM&rule=NEAR_DUPLICATE', 'rule'],
    ])('refuses %s as a problem naming %s, without asking the service', async (query, field) => {
      const response = await request('GET', `${gateway.url}/v1/fraud/flags?${query}`, undefined, { token: analyst });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({ type: 'urn:problem:healthclaims:validation', errors: [{ field }] });
      expect(gateway.standIn.calls).toHaveLength(0);
    });

    it('lists the known rule codes when refusing an unknown one', async () => {
      const response = await request('GET', `${gateway.url}/v1/fraud/flags?rule=FOO`, undefined, { token: analyst });
      expect(response.body).toMatchObject({
        errors: [
          { field: 'rule', message: expect.stringContaining('DUPLICATE_CLAIM, NEAR_DUPLICATE, SERVICE_AFTER_DEATH') },
        ],
      });
    });
  });

  it('reports ready when its database and NATS are up', async () => {
    const ready = await request('GET', `${gateway.url}/health/ready`, undefined, { headers: OPS_AUTHORIZATION });
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, nats: { status: 'up' } } });
    const metrics = await fetch(`${gateway.url}/metrics`, { headers: OPS_AUTHORIZATION });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('process_cpu_user_seconds_total');
  });
});
