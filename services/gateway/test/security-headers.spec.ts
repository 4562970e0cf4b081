import { API_CSP } from '../src/security/security-headers.js';
import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import { request } from './support/http-client.js';

describe('gateway security headers', () => {
  let gateway: GatewayHarness;
  let clinic: string;

  beforeAll(async () => {
    gateway = await startGateway();
    clinic = await gateway.token({ role: 'clinic', org: 'P-1' });
  });
  afterAll(() => gateway.stop());
  beforeEach(() => gateway.standIn.reset(() => ({ reply: { ok: true, value: { items: [], nextCursor: null } } })));

  it('sends the hardening headers on every response, errors included', async () => {
    const responses = [
      await request('GET', `${gateway.url}/v1/claims`, undefined, { token: clinic }),
      await request('GET', `${gateway.url}/v1/claims`),
      await request('GET', `${gateway.url}/no-such-route`),
      await request('GET', `${gateway.url}/health/live`),
    ];
    for (const response of responses) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('content-security-policy')).toBe(API_CSP);
      // Off by default: HSTS on a plain-http localhost would lock browsers out of it.
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('forbids caching of the API and of problems, which may carry personal data', async () => {
    const list = await request('GET', `${gateway.url}/v1/claims`, undefined, { token: clinic });
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toBe('no-store');
    const unauthenticated = await request('GET', `${gateway.url}/v1/claims`);
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('cache-control')).toBe('no-store');
    const missing = await request('GET', `${gateway.url}/no-such-route`);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(missing.headers.get('cache-control')).toBe('no-store');
  });

  it('sends HSTS when configured', async () => {
    const behindTls = await startGateway({ HSTS_MAX_AGE_SECONDS: '31536000' });
    try {
      const response = await request('GET', `${behindTls.url}/health/live`);
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await behindTls.stop();
    }
  });
});
