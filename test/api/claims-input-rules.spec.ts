import { startApiStack, type ApiStack } from './support/api-stack.js';
import { aClaim, call, type ApiResponse } from './support/http.js';

/**
 * API.md conventions against the real gateway and claims processes: who may call, and bad input
 * answered with problem+json (never 500) with nothing stored.
 */
describe('claims API: auth rules and bad input', () => {
  let stack: ApiStack;
  let clinic: string;
  const claims = () => `${stack.gatewayUrl}/v1/claims`;

  beforeAll(async () => {
    stack = await startApiStack('apiin');
    clinic = await stack.token({ role: 'clinic', org: 'P-1' });
  });
  afterAll(() => stack?.stop());

  function expectProblem(response: ApiResponse, status: number) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      status,
      type: expect.any(String),
      title: expect.any(String),
      detail: expect.any(String),
    });
  }

  describe('401 / 403 / 404', () => {
    it('answers 401 without a token or with a bad one', async () => {
      expectProblem(await call('POST', claims(), { body: aClaim() }), 401);
      expectProblem(await call('GET', claims(), { token: `${clinic}x` }), 401);
      expect(await stack.storedClaims()).toBe(0);
    });

    it('answers 403 to a role that may never submit a claim', async () => {
      for (const role of [
        { role: 'admin' },
        { role: 'patient', patient: 'M-1' },
        { role: 'analyst', org: 'I-1' },
      ] as const) {
        expectProblem(await call('POST', claims(), { token: await stack.token(role), body: aClaim() }), 403);
      }
      expect(await stack.storedClaims()).toBe(0);
    });

    it('answers 404 for another’s claim, exactly as for one that does not exist', async () => {
      const created = await call('POST', claims(), { token: clinic, body: aClaim() });
      expect(created.status).toBe(202);
      const id = String(created.body.id);
      const otherClinic = await stack.token({ role: 'clinic', org: 'P-2' });
      const otherPatient = await stack.token({ role: 'patient', patient: 'M-2' });
      const missing = await call('GET', `${claims()}/00000000-0000-4000-8000-000000000000`, { token: clinic });
      expectProblem(missing, 404);
      for (const token of [otherClinic, otherPatient]) {
        const hidden = await call('GET', `${claims()}/${id}`, { token });
        expectProblem(hidden, 404);
        expect(hidden.body.detail).toBe(missing.body.detail);
        expectProblem(await call('GET', `${claims()}/${id}/timeline`, { token }), 404);
      }
      const listed = await call('GET', claims(), { token: otherClinic });
      expect(listed.body.items).toEqual([]);
    });
  });

  describe('bad input: a problem, and nothing stored', () => {
    let storedBefore: number;
    beforeEach(async () => {
      storedBefore = await stack.storedClaims();
    });
    afterEach(async () => {
      expect(await stack.storedClaims()).toBe(storedBefore);
    });

    const submit = (options: Parameters<typeof call>[2]) => call('POST', claims(), { token: clinic, ...options });
    const fields = (response: ApiResponse) => (response.body.errors as { field: string }[]).map((error) => error.field);

    it('malformed JSON → 400', async () => {
      expectProblem(
        await submit({ raw: '{"memberId": "M-1", "lines": [', headers: { 'content-type': 'application/json' } }),
        400,
      );
    });

    it('unknown fields → 400 naming them', async () => {
      const response = await submit({
        body: aClaim({ priority: 'high', lines: [{ code: '99213', units: 1, charge: 1, discount: 5 }] }),
      });
      expectProblem(response, 400);
      expect(fields(response).sort()).toEqual(['lines[0].discount', 'priority']);
    });

    it('wrong types → 400 (no "12" for 12)', async () => {
      const response = await submit({
        body: aClaim({ memberId: 7, lines: [{ code: '99213', units: '1', charge: '15000' }] }),
      });
      expectProblem(response, 400);
      expect(fields(response).sort()).toEqual(['lines[0].charge', 'lines[0].units', 'memberId']);
    });

    it('negative or fractional money → 400', async () => {
      const response = await submit({
        body: aClaim({
          lines: [
            { code: '99213', units: 1, charge: -100 },
            { code: '99214', units: 1, charge: 99.99 },
          ],
        }),
      });
      expectProblem(response, 400);
      expect(fields(response)).toEqual(['lines[0].charge', 'lines[1].charge']);
    });

    it('impossible dates → 400', async () => {
      for (const serviceDate of ['2026-02-30', '2026-13-01', '2026-3-14']) {
        const response = await submit({ body: aClaim({ serviceDate }) });
        expectProblem(response, 400);
        expect(fields(response)).toEqual(['serviceDate']);
      }
    });

    it('a service date in the future → 400 on serviceDate (tomorrow in UTC is the last day allowed)', async () => {
      const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
      for (const serviceDate of [inDays(2), '2099-01-01']) {
        const response = await submit({ body: aClaim({ serviceDate }) });
        expectProblem(response, 400);
        expect(fields(response)).toEqual(['serviceDate']);
      }
    });

    it('a malformed procedure code → 400', async () => {
      const response = await submit({
        body: aClaim({
          lines: [
            { code: '9921', units: 1, charge: 1 },
            { code: '99213!', units: 1, charge: 1 },
          ],
        }),
      });
      expectProblem(response, 400);
      expect(fields(response)).toEqual(['lines[0].code', 'lines[1].code']);
    });

    it('an oversized body → 413', async () => {
      const raw = JSON.stringify(aClaim({ diagnosisCodes: ['A'.repeat(1_100_000)] }));
      expectProblem(await submit({ raw, headers: { 'content-type': 'application/json' } }), 413);
    });

    it('a wrong content type → 415', async () => {
      expectProblem(await submit({ raw: JSON.stringify(aClaim()), headers: { 'content-type': 'text/plain' } }), 415);
      expectProblem(
        await submit({ raw: 'memberId=M-1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
        415,
      );
    });

    it('a bad list query → 400', async () => {
      expectProblem(await call('GET', `${claims()}?limit=501`, { token: clinic }), 400);
      expectProblem(await call('GET', `${claims()}?status=misplaced`, { token: clinic }), 400);
    });
  });
});
