import { RpcPatterns } from '#libs/contracts';
import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import { PROBLEM_JSON, request } from './support/http-client.js';

const PAGE = {
  items: [{ code: '99213', category: 'office_visit', description: 'Established patient visit - low complexity' }],
  nextCursor: null,
};

describe('GET /v1/reference/procedures at the gateway', () => {
  let gateway: GatewayHarness;
  let url: string;

  beforeAll(async () => {
    gateway = await startGateway();
    url = `${gateway.url}/v1/reference/procedures`;
  });
  afterAll(() => gateway.stop());
  beforeEach(() => gateway.standIn.reset(() => ({ reply: { ok: true, value: PAGE } })));

  it('asks underwriting for the page every signed-in role asked for', async () => {
    for (const claims of [
      { role: 'clinic', org: 'P-1' },
      { role: 'patient', patient: 'M-1' },
      { role: 'insurer', org: 'INS-1' },
      { role: 'analyst', org: 'INS-1' },
      { role: 'admin' },
    ] as const) {
      gateway.standIn.reset();
      const token = await gateway.token(claims);
      const answer = await request('GET', `${url}?q=%20visit%20&category=office_visit&limit=20`, undefined, { token });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(PAGE);
      expect(gateway.standIn.calls).toHaveLength(1);
      expect(gateway.standIn.calls[0]).toMatchObject({
        pattern: RpcPatterns.listProcedures,
        request: { principal: { role: claims.role }, payload: { q: ' visit ', category: 'office_visit', limit: 20 } },
      });
    }
  });

  it('is cacheable: Cache-Control and an ETag, and 304 for the tag the browser holds', async () => {
    const token = await gateway.token({ role: 'clinic', org: 'P-1' });
    const first = await request('GET', url, undefined, { token });
    expect(first.headers.get('cache-control')).toBe('private, max-age=300');
    const tag = first.headers.get('etag');
    expect(tag).toMatch(/^W\/".+"$/);
    const again = await request('GET', url, undefined, { token, headers: { 'if-none-match': tag ?? '' } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(tag);
    gateway.standIn.reset(() => ({ reply: { ok: true, value: { ...PAGE, items: [] } } }));
    const changed = await request('GET', url, undefined, { token, headers: { 'if-none-match': tag ?? '' } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(tag);
  });

  it('answers 401 without a token and 400 naming a bad field, neither cacheable nor sent on', async () => {
    const anonymous = await request('GET', url);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('cache-control')).toBe('no-store');
    const token = await gateway.token({ role: 'clinic', org: 'P-1' });
    for (const [query, field] of [
      ['category=a%20b', 'category'],
      [`q=${'x'.repeat(101)}`, 'q'],
      ['q=%20%20', 'q'],
      ['q=a&q=b', 'q'],
      ['q=colonos%ED%AA%B7copy', 'q'],
      ['limit=0', 'limit'],
    ]) {
      const refused = await request<{ errors: { field: string }[] }>('GET', `${url}?${query}`, undefined, { token });
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toMatch(PROBLEM_JSON);
      expect(refused.headers.get('cache-control')).toBe('no-store');
      expect(refused.body.errors.map((error) => error.field)).toContain(field);
    }
    expect(gateway.standIn.calls).toHaveLength(0);
  });

  it('takes any text to search for, a percent sign included', async () => {
    const token = await gateway.token({ role: 'clinic', org: 'P-1' });
    for (const q of ['100%', 'of_markers', 'électro', '"quoted"']) {
      gateway.standIn.reset();
      const answer = await request('GET', `${url}?q=${encodeURIComponent(q)}`, undefined, { token });
      expect(answer.status).toBe(200);
      expect(gateway.standIn.calls[0]).toMatchObject({ request: { payload: { q } } });
    }
  });

  it('keeps the rest of the API uncacheable', async () => {
    const token = await gateway.token({ role: 'clinic', org: 'P-1' });
    const claims = await request('GET', `${gateway.url}/v1/claims`, undefined, { token });
    expect(claims.headers.get('cache-control')).toBe('no-store');
  });
});
