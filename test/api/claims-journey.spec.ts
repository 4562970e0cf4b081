import { OPS_AUTHORIZATION, waitFor } from '#libs/testing';
import { startApiStack, type ApiStack } from './support/api-stack.js';
import { aClaim, call } from './support/http.js';

/** A claim through the real gateway and claims processes: intake, review, reads, idempotency, docs. */
describe('claims API: submit and follow a claim', () => {
  let stack: ApiStack;
  let clinic: string;
  let patient: string;
  const claims = () => `${stack.gatewayUrl}/v1/claims`;

  beforeAll(async () => {
    stack = await startApiStack('apijr');
    clinic = await stack.token({ role: 'clinic', org: 'P-1' });
    patient = await stack.token({ role: 'patient', patient: 'M-1' });
  });
  afterAll(() => stack?.stop());

  it('accepts a valid claim with 202, then shows it in review with a timeline', async () => {
    const accepted = await call('POST', claims(), { token: clinic, body: aClaim() });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'received' });
    expect(accepted.headers.get('x-request-id')).toBeTruthy();
    expect(accepted.headers.get('traceparent')).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    const id = String(accepted.body.id);

    const claim = await waitFor(
      async () => {
        const got = await call('GET', `${claims()}/${id}`, { token: patient });
        return got.body.status === 'in_review' ? got : undefined;
      },
      { what: 'the claim to be in review' },
    );
    expect(claim.status).toBe(200);
    expect(claim.body).toMatchObject({
      id,
      memberId: 'M-1',
      providerId: 'P-1',
      serviceDate: '2026-03-14',
      lines: [
        { code: '99213', units: 1, charge: 15000, status: 'pending' },
        { code: '87880', units: 1, charge: 3500, status: 'pending' },
      ],
      totals: { charge: 18500 },
    });

    const timeline = await call('GET', `${claims()}/${id}/timeline`, { token: clinic });
    expect(timeline.status).toBe(200);
    expect(
      (timeline.body.items as { status: string; actor: string }[]).map((item) => [item.status, item.actor]),
    ).toEqual([
      ['received', 'system'],
      ['in_review', 'system'],
    ]);
    expect(timeline.body.memberId).toBe('M-1');
    // The clinic's read of the timeline is audited under the member, so the patient sees it (ADR 0010).
    const audit = await call('GET', `${stack.gatewayUrl}/v1/audit?limit=500`, { token: patient });
    expect(audit.status).toBe(200);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({ role: 'clinic', org: 'P-1', route: 'GET /v1/claims/:id/timeline', resourceIds: [id] }),
    );

    const mine = await call('GET', `${claims()}?limit=10`, { token: clinic });
    expect(mine.status).toBe(200);
    expect((mine.body.items as { id: string }[]).map((item) => item.id)).toContain(id);
    expect(mine.body).toHaveProperty('nextCursor');
  });

  it('pages through a list with limit and cursor', async () => {
    for (let i = 0; i < 3; i += 1) {
      expect((await call('POST', claims(), { token: clinic, body: aClaim({ memberId: 'M-PAGE' }) })).status).toBe(202);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `memberId=M-PAGE&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await call('GET', `${claims()}?${query}`, { token: clinic });
      expect(page.status).toBe(200);
      const items = page.body.items as { id: string }[];
      expect(items.length).toBeLessThanOrEqual(2);
      seen.push(...items.map((item) => item.id));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(new Set(seen).size).toBe(3);
  });

  it('replays the first response for a repeated Idempotency-Key and refuses another body under it', async () => {
    const before = await stack.storedClaims();
    const headers = { 'idempotency-key': 'journey-key-1' };
    const first = await call('POST', claims(), { token: clinic, body: aClaim({ memberId: 'M-IDEM' }), headers });
    const again = await call('POST', claims(), { token: clinic, body: aClaim({ memberId: 'M-IDEM' }), headers });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(await stack.storedClaims()).toBe(before + 1);

    const other = await call('POST', claims(), { token: clinic, body: aClaim({ memberId: 'M-OTHER' }), headers });
    expect(other.status).toBe(409);
    expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await stack.storedClaims()).toBe(before + 1);
  });

  it('serves the OpenAPI 3.1 document with the claim paths, and the browsable docs', async () => {
    const document = await call('GET', `${stack.gatewayUrl}/openapi.json`);
    expect(document.status).toBe(200);
    expect(document.body.openapi).toBe('3.1.0');
    expect(Object.keys(document.body.paths as object)).toEqual(
      expect.arrayContaining(['/v1/claims', '/v1/claims/{id}', '/v1/claims/{id}/timeline']),
    );
    const docs = await call('GET', `${stack.gatewayUrl}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger-ui');
  });

  it('reports ready and exposes metrics', async () => {
    expect((await call('GET', `${stack.gatewayUrl}/health/ready`)).status).toBe(200);
    expect((await call('GET', `${stack.gatewayUrl}/health/live`)).status).toBe(200);
    expect((await call('GET', `${stack.gatewayUrl}/metrics`, { headers: OPS_AUTHORIZATION })).text).toContain('# TYPE');
  });
});
