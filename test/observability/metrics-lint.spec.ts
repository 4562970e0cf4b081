import { freePort, findPromtool, metricSample, promtoolMetricFindings, scrapeMetrics, waitFor } from '#libs/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startChain, type RunningChain } from '../../scripts/chain.js';
import {
  dashboardMetricNames,
  declaredMetrics,
  exposedMetricOf,
} from '../../scripts/deploy-check/grafana-dashboards.js';
import { startApiStack, type ApiStack, type BackendService } from '../api/support/api-stack.js';
import { aClaim, call } from '../api/support/http.js';

const BACKENDS: BackendService[] = ['claims', 'underwriting', 'billing', 'fraud', 'ledger-bridge'];

/**
 * Issue 18: `promtool check metrics` is clean on every service's /metrics, as each runs in the stack (its own
 * process, every library's metrics registered), once a claim has gone through the gateway and been decided.
 */
describe('every service’s /metrics, linted by promtool', () => {
  let chain: RunningChain;
  let stack: ApiStack;

  beforeAll(async () => {
    chain = await startChain({ port: await freePort(), write: () => undefined });
    stack = await startApiStack('mlint', { CHAIN_RPC_URL: chain.rpcUrl }, BACKENDS);
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
    await chain?.process.stop(5000);
  });

  it('counts the gateway’s requests and the claim’s decision, and promtool finds nothing to flag', async () => {
    const clinic = await stack.token({ role: 'clinic', org: 'P-1' });
    const submitted = await call('POST', `${stack.gatewayUrl}/v1/claims`, { token: clinic, body: aClaim() });
    expect(submitted.status).toBe(202);
    const id = String(submitted.body.id);
    await waitFor(
      async () => {
        const got = await call('GET', `${stack.gatewayUrl}/v1/claims/${id}`, { token: clinic });
        return !['received', 'in_review'].includes(String(got.body.status));
      },
      { what: 'the claim to be decided or held', timeoutMs: 30_000 },
    );

    const gateway = await scrapeMetrics(stack.gatewayUrl);
    const submits = metricSample(gateway, 'http_server_requests_total{method="POST",route="/v1/claims",status="202"}');
    expect(submits).toBe(1);
    expect(gateway).not.toContain(id);
    const claims = await scrapeMetrics(stack.serviceUrl('claims'));
    expect(claims).toMatch(/^# TYPE claims_decision_duration_seconds histogram$/m);

    const promtool = findPromtool();
    if (!promtool) {
      console.warn('promtool not installed (apt-get install prometheus): /metrics not linted');
      return;
    }
    const findings: Record<string, string[]> = { gateway: promtoolMetricFindings(promtool, gateway) };
    for (const service of BACKENDS) {
      findings[service] = promtoolMetricFindings(promtool, await scrapeMetrics(stack.serviceUrl(service)));
    }
    expect(findings).toEqual(Object.fromEntries(['gateway', ...BACKENDS].map((service) => [service, []])));
  });

  it('has every metric the Grafana dashboard queries declared by some service', async () => {
    const exposed = new Set<string>();
    const collect = async () => {
      for (const url of [stack.gatewayUrl, ...BACKENDS.map((service) => stack.serviceUrl(service))]) {
        for (const name of declaredMetrics(await scrapeMetrics(url))) exposed.add(name);
      }
      return exposed;
    };
    // The bridge's chain gauges appear once its leader has read the chain.
    await waitFor(async () => (await collect()).has('ledger_signer_balance_eth'), {
      what: 'the ledger bridge leader’s chain gauges',
      timeoutMs: 30_000,
    });
    const dashboard = readFileSync(join(process.cwd(), 'deploy', 'grafana', 'healthclaims-operations.json'), 'utf8');
    const missing = dashboardMetricNames(dashboard).filter((name) => !exposedMetricOf(name, exposed));
    expect(missing).toEqual([]);
  });
});
