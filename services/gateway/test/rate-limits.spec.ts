import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import { PROBLEM_JSON, request } from './support/http-client.js';

const WINDOW_SECONDS = 3600;
const limits = (perPrincipal: number, perIp: number) => ({
  RATE_LIMIT_PER_PRINCIPAL: String(perPrincipal),
  RATE_LIMIT_PER_IP: String(perIp),
  RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
});

/** Windows are fixed: a test that began just before one ends would see its counts reset. */
async function awayFromAWindowEnd(): Promise<void> {
  const left = WINDOW_SECONDS - ((Date.now() / 1000) % WINDOW_SECONDS);
  if (left < 30) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 1000));
}

describe('gateway rate limits', () => {
  const gateways: GatewayHarness[] = [];
  const start = async (...args: Parameters<typeof startGateway>) => {
    const gateway = await startGateway(...args);
    gateways.push(gateway);
    return gateway;
  };

  beforeAll(awayFromAWindowEnd, 40_000);
  afterAll(async () => {
    for (const gateway of gateways.reverse()) await gateway.stop();
  });

  it('counts each caller, with RateLimit headers, and answers 429 problem+json with Retry-After beyond', async () => {
    const gateway = await start(limits(3, 1000));
    gateway.standIn.reset(() => ({ reply: { ok: true, value: { items: [], nextCursor: null } } }));
    const clinic = await gateway.token({ role: 'clinic', org: 'P-1', sub: 'nurse-1' });
    const remaining: (string | null)[] = [];
    for (let n = 0; n < 3; n += 1) {
      const response = await request('GET', `${gateway.url}/v1/claims`, undefined, { token: clinic });
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-limit')).toBe('3');
      expect(Number(response.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
      remaining.push(response.headers.get('ratelimit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const refused = await request('GET', `${gateway.url}/v1/claims`, undefined, { token: clinic });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(PROBLEM_JSON);
    expect(refused.body).toMatchObject({
      type: 'urn:problem:healthclaims:too-many-requests',
      status: 429,
      requestId: refused.headers.get('x-request-id'),
    });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');

    // Another caller from the same address has its own count; liveness is never limited.
    const other = await gateway.token({ role: 'clinic', org: 'P-1', sub: 'nurse-2' });
    expect((await request('GET', `${gateway.url}/v1/claims`, undefined, { token: other })).status).toBe(200);
    for (let n = 0; n < 5; n += 1) {
      expect((await request('GET', `${gateway.url}/health/live`)).status).toBe(200);
    }
  });

  it('counts each address whoever it claims to be, bad tokens included', async () => {
    const gateway = await start(limits(1000, 4));
    const statuses: number[] = [];
    for (let n = 0; n < 5; n += 1) {
      statuses.push((await request('GET', `${gateway.url}/v1/claims`, undefined, { token: `forged-${n}` })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
  });

  const forwardedFor = (address: string) => ({ token: 'forged', headers: { 'x-forwarded-for': address } });

  it('ignores X-Forwarded-For unless a trusted proxy sent it: rotating addresses do not escape the limit', async () => {
    const gateway = await start(limits(1000, 4));
    const statuses: number[] = [];
    for (let n = 0; n < 5; n += 1) {
      const response = await request('GET', `${gateway.url}/v1/claims`, undefined, forwardedFor(`203.0.113.${n}`));
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
  });

  it('counts the forwarded client address when the proxy is trusted', async () => {
    const gateway = await start({ ...limits(1000, 4), TRUSTED_PROXIES: '127.0.0.1' });
    const statuses: number[] = [];
    for (let n = 0; n < 5; n += 1) {
      const response = await request('GET', `${gateway.url}/v1/claims`, undefined, forwardedFor('203.0.113.7'));
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    // Another client behind the same proxy has a count of its own.
    const other = await request('GET', `${gateway.url}/v1/claims`, undefined, forwardedFor('198.51.100.9'));
    expect(other.status).toBe(401);
    // A client that forges a hop before the proxy's is still counted by the address the proxy saw.
    const forged = await request('GET', `${gateway.url}/v1/claims`, undefined, forwardedFor('10.9.9.9, 203.0.113.7'));
    expect(forged.status).toBe(429);
  });

  it('shares the counts between gateway replicas on one database', async () => {
    const first = await start(limits(4, 1000));
    const second = await start(limits(4, 1000), { sharedDatabaseUrl: first.databaseUrl });
    for (const gateway of [first, second]) {
      gateway.standIn.reset(() => ({ reply: { ok: true, value: { items: [], nextCursor: null } } }));
    }
    const clinic = await first.token({ role: 'clinic', org: 'P-1', sub: 'nurse-3' });
    const statuses: number[] = [];
    for (const gateway of [first, second, first, second, first, second]) {
      statuses.push((await request('GET', `${gateway.url}/v1/claims`, undefined, { token: clinic })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it('counts concurrent requests exactly', async () => {
    const gateway = await start(limits(1000, 20));
    const responses = await Promise.all(Array.from({ length: 30 }, () => request('GET', `${gateway.url}/v1/claims`)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
    expect(statuses.filter((status) => status === 401)).toHaveLength(20);
  });
});
