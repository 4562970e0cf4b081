import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import { aClaimBody, PROBLEM_JSON, request, type TestResponse } from './support/http-client.js';

/** API.md: bad input is a 400/413/415 problem, never a 500, and never reaches the claims service. */
describe('gateway problem details', () => {
  let gateway: GatewayHarness;
  let token: string;
  const submit = (body: unknown, options: Parameters<typeof request>[3] = {}) =>
    request('POST', `${gateway.url}/v1/claims`, body, { token, ...options });

  beforeAll(async () => {
    gateway = await startGateway();
    token = await gateway.token({ role: 'clinic', org: 'P-1' });
  });
  afterAll(() => gateway.stop());
  beforeEach(() => gateway.standIn.reset(() => ({ reply: { ok: true, value: { id: 'x', status: 'received' } } })));

  function expectProblem(response: TestResponse, status: number, type: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
    expect(response.body).toMatchObject({ type: `urn:problem:healthclaims:${type}`, status });
    expect(typeof response.body.title).toBe('string');
    expect(typeof response.body.detail).toBe('string');
  }

  function fieldsOf(response: TestResponse): string[] {
    return (response.body.errors as { field: string }[]).map((error) => error.field);
  }

  it('answers malformed JSON with 400', async () => {
    expectProblem(
      await submit(undefined, { raw: '{"memberId": "M-1",', headers: { 'content-type': 'application/json' } }),
      400,
      'malformed-json',
    );
    expectProblem(
      await submit(undefined, { raw: '', headers: { 'content-type': 'application/json' } }),
      400,
      'malformed-json',
    );
    expect(gateway.standIn.calls).toHaveLength(0);
  });

  it('answers a body that is not JSON with 415', async () => {
    expectProblem(
      await submit(undefined, {
        raw: 'memberId=M-1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
      'unsupported-media-type',
    );
    expectProblem(
      await submit(undefined, { raw: 'hello', headers: { 'content-type': 'text/plain' } }),
      415,
      'unsupported-media-type',
    );
    expect(gateway.standIn.calls).toHaveLength(0);
  });

  it('answers a body over 1 MiB with 413', async () => {
    const huge = JSON.stringify(aClaimBody({ diagnosisCodes: ['x'.repeat(1_048_576)] }));
    expectProblem(
      await submit(undefined, { raw: huge, headers: { 'content-type': 'application/json' } }),
      413,
      'payload-too-large',
    );
    expect(gateway.standIn.calls).toHaveLength(0);
  });

  it('names every invalid field by its path', async () => {
    const response = await submit(
      aClaimBody({
        serviceDate: '2026-02-30',
        unexpected: true,
        lines: [
          { code: '99213', units: 1, charge: '12' },
          { code: '9921', units: 1, charge: 100 },
          { code: '99214', units: 1, charge: -5 },
          { code: '99215', units: 1, charge: 10.5, note: 'x' },
        ],
      }),
    );
    expectProblem(response, 400, 'validation');
    expect(fieldsOf(response).sort()).toEqual(
      [
        'lines[0].charge',
        'lines[1].code',
        'lines[2].charge',
        'lines[3].charge',
        'lines[3].note',
        'serviceDate',
        'unexpected',
      ].sort(),
    );
    expect(gateway.standIn.calls).toHaveLength(0);
  });

  it.each([
    ['a string amount', { lines: [{ code: '99213', units: 1, charge: '15000' }] }, 'lines[0].charge'],
    ['a negative amount', { lines: [{ code: '99213', units: 1, charge: -1 }] }, 'lines[0].charge'],
    ['a fractional amount', { lines: [{ code: '99213', units: 1, charge: 150.5 }] }, 'lines[0].charge'],
    ['an impossible date', { serviceDate: '2026-02-30' }, 'serviceDate'],
    ['a date in another format', { serviceDate: '14/03/2026' }, 'serviceDate'],
    ['a malformed code', { lines: [{ code: '99-13', units: 1, charge: 1 }] }, 'lines[0].code'],
    ['no lines', { lines: [] }, 'lines'],
    ['a line that is not an object', { lines: ['99213'] }, 'lines[0]'],
    ['a null where a list is expected', { records: null }, 'records'],
    ['a bad record hash', { records: [{ recordId: 'R-1', sha256: 'abc' }] }, 'records[0].sha256'],
    ['a missing member', { memberId: undefined }, 'memberId'],
  ])('refuses %s', async (_case, overrides, field) => {
    const response = await submit(aClaimBody(overrides));
    expectProblem(response, 400, 'validation');
    expect(fieldsOf(response)).toContain(field);
    expect(gateway.standIn.calls).toHaveLength(0);
  });

  it('refuses a body that is not a JSON object', async () => {
    for (const raw of ['[1,2]', '"claim"', 'null', '42']) {
      const response = await submit(undefined, { raw, headers: { 'content-type': 'application/json' } });
      expectProblem(response, 400, 'validation');
      expect(fieldsOf(response)).toEqual(['body']);
    }
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await request('GET', `${gateway.url}/v1/nothing-here`);
    expectProblem(response, 404, 'not-found');
  });

  it('answers a claim id that cannot exist with 404 without asking the service', async () => {
    const response = await request('GET', `${gateway.url}/v1/claims/not-a-uuid`, undefined, { token });
    expectProblem(response, 404, 'not-found');
    expect(gateway.standIn.calls).toHaveLength(0);
  });

  it('maps the service’s named errors to their statuses', async () => {
    const cases = [
      [{ code: 'NOT_FOUND', detail: 'no such claim' }, 404, 'not-found'],
      [{ code: 'FORBIDDEN', detail: 'not your provider' }, 403, 'forbidden'],
      [{ code: 'CONFLICT', detail: 'already decided' }, 409, 'conflict'],
      [{ code: 'UNAVAILABLE', detail: 'try later' }, 503, 'service-unavailable'],
    ] as const;
    for (const [error, status, type] of cases) {
      gateway.standIn.reset(() => ({ reply: { ok: false, error } }));
      const response = await submit(aClaimBody());
      expectProblem(response, status, type);
      expect(response.body.detail).toBe(error.detail);
    }
    gateway.standIn.reset(() => ({
      reply: {
        ok: false,
        error: { code: 'VALIDATION', detail: 'bad', errors: [{ field: 'providerId', message: 'not yours' }] },
      },
    }));
    const invalid = await submit(aClaimBody());
    expectProblem(invalid, 400, 'validation');
    expect(invalid.body.errors).toEqual([{ field: 'providerId', message: 'not yours' }]);
  });

  it('answers 503 with Retry-After when the service does not answer in time', async () => {
    gateway.standIn.reset(() => 'silence');
    const response = await submit(aClaimBody());
    expectProblem(response, 503, 'service-unavailable');
    expect(response.headers.get('retry-after')).toBe('1');
  });

  it('answers 502 when the service answers something that is not a reply', async () => {
    gateway.standIn.reset(() => ({ reply: { unexpected: true } }));
    expectProblem(await submit(aClaimBody()), 502, 'bad-gateway');
  });
});
