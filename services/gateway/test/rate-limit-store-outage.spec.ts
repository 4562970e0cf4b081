import { OPS_AUTHORIZATION, waitFor } from '#libs/testing';
import { startFreezableLink, type FreezableLink } from './support/freezable-link.js';
import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import { request } from './support/http-client.js';

const STORE_TIMEOUT_MS = 300;

/**
 * The gateway's database hangs (its connection frozen, as when the server is paused or the network
 * black-holes it): the API must neither stall on the shared counts nor stop limiting.
 */
describe('gateway rate limits while their database hangs', () => {
  let link: FreezableLink;
  let gateway: GatewayHarness;

  beforeAll(async () => {
    link = await startFreezableLink(5432);
    gateway = await startGateway(
      {
        RATE_LIMIT_PER_PRINCIPAL: '1000',
        RATE_LIMIT_PER_IP: '4',
        RATE_LIMIT_WINDOW_SECONDS: '3600',
        RATE_LIMIT_STORE_TIMEOUT_MS: String(STORE_TIMEOUT_MS),
        // The client and the scrapes below pose as different addresses, so scrapes use none of its quota.
        TRUSTED_PROXIES: '127.0.0.1',
      },
      { databaseBaseUrl: `postgres://postgres@127.0.0.1:${link.port}` },
    );
  });
  afterAll(async () => {
    link?.thaw();
    await gateway?.stop();
    await link?.close();
  });

  let scrapes = 0;
  const failures = async (): Promise<number> => {
    scrapes += 1;
    const response = await fetch(`${gateway.url}/metrics`, {
      headers: { ...OPS_AUTHORIZATION, 'x-forwarded-for': `198.51.100.${scrapes % 250}` },
    });
    expect(response.status).toBe(200);
    return (await response.text())
      .split('\n')
      .filter((line) => line.startsWith('gateway_rate_limit_store_failures_total{'))
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
  };
  const forged = () =>
    request('GET', `${gateway.url}/v1/claims`, undefined, {
      token: 'forged',
      headers: { 'x-forwarded-for': '203.0.113.50' },
    });

  it('answers within the store timeout and still refuses beyond the limit, counting on its own', async () => {
    expect((await forged()).status).toBe(401);
    const failuresBefore = await failures();
    link.freeze();
    const statuses: number[] = [];
    const durations: number[] = [];
    for (let n = 0; n < 5; n += 1) {
      const started = performance.now();
      statuses.push((await forged()).status);
      durations.push(performance.now() - started);
    }
    // The fallback starts the window from zero: four more, then refused.
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect(Math.max(...durations)).toBeLessThan(STORE_TIMEOUT_MS + 700);
    expect(await failures()).toBeGreaterThanOrEqual(failuresBefore + 5);

    link.thaw();
    // Once the late query has landed, the shared counts are used again: no new failures.
    await waitFor(
      async () => {
        const before = await failures();
        await forged();
        return (await failures()) === before;
      },
      { what: 'the shared counts to be used again', timeoutMs: 10_000 },
    );
  });
});
