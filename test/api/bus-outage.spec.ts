import { startPrivateNats, type PrivateNats } from '#libs/testing';
import { startApiStack, type ApiStack } from './support/api-stack.js';
import { aClaim, call } from './support/http.js';
import { outageDeviationsOf, retryingOn503, type SampleRequest } from './support/outage-checks.js';
import { aMember, aPlan, addressOf, SetUpClient } from './support/set-up-builders.js';

/**
 * API.md: an outage of a dependency answers 503 with Retry-After, never 500. The gateway, claims,
 * underwriting and fraud talk over a NATS server of this test's own, which it kills and starts again;
 * then one service is killed, so the gateway finds nobody listening.
 */
describe('API while NATS is down or a service is not there', () => {
  let bus: PrivateNats;
  let stack: ApiStack;
  let clinic: string;
  let analyst: string;
  let admin: SetUpClient;
  let insurer: SetUpClient;
  let claimBefore: string;
  let samples: SampleRequest[];

  beforeAll(async () => {
    bus = await startPrivateNats();
    stack = await startApiStack('apibusdown', {}, ['claims', 'underwriting', 'fraud'], { natsUrl: bus.url });
    clinic = await stack.token({ role: 'clinic', org: 'P-1' });
    analyst = await stack.token({ role: 'analyst', org: 'I-BUS' });
    admin = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'admin' }));
    insurer = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'insurer', org: 'I-BUS' }));
    await admin.expect(201, 'POST', '/v1/insurers', { id: 'I-BUS', name: 'Bus Health', address: addressOf(51) });
    await insurer.expect(201, 'POST', '/v1/plans', aPlan('PLAN-BUS'));
    await insurer.expect(201, 'POST', '/v1/members', aMember('M-1', 'PLAN-BUS'));
    const accepted = await call('POST', `${stack.gatewayUrl}/v1/claims`, { token: clinic, body: aClaim() });
    expect(accepted.status).toBe(202);
    claimBefore = String(accepted.body.id);
    samples = [
      {
        name: 'submit with a key',
        method: 'POST',
        path: '/v1/claims',
        token: clinic,
        body: aClaim(),
        headers: { 'idempotency-key': 'bus-1' },
      },
      { name: 'list claims', method: 'GET', path: '/v1/claims', token: clinic },
      { name: 'read a claim', method: 'GET', path: `/v1/claims/${claimBefore}`, token: clinic },
      { name: 'the fraud queue', method: 'GET', path: '/v1/fraud/flags', token: analyst },
      {
        name: 'an insurer',
        method: 'POST',
        path: '/v1/insurers',
        token: admin.token,
        body: { id: 'I-NEW', name: 'New', address: addressOf(52) },
      },
      { name: 'eligibility', method: 'GET', path: '/v1/members/M-1/eligibility', token: insurer.token },
    ];
  }, 180_000);

  afterAll(async () => {
    await bus?.start();
    await stack?.stop();
    await bus?.destroy();
  });

  it('answers 503 with Retry-After on every endpoint while NATS is down, never 500, and recovers', async () => {
    await bus.stop();
    let deviations: string[];
    let live: Awaited<ReturnType<typeof call>>;
    try {
      deviations = await outageDeviationsOf(stack.gatewayUrl, samples);
      live = await call('GET', `${stack.gatewayUrl}/health/live`);
    } finally {
      await bus.start();
    }
    expect(deviations).toEqual([]);
    expect(live.status).toBe(200);

    // Back by itself, the gateway's connection and the services' alike.
    const submitted = await retryingOn503(() =>
      call('POST', `${stack.gatewayUrl}/v1/claims`, {
        token: clinic,
        body: aClaim(),
        headers: { 'idempotency-key': 'bus-1' },
      }),
    );
    expect(submitted.final.status).toBe(202);
    expect(submitted.seen.filter((status) => status !== 503 && status !== 202)).toEqual([]);
    const flags = await retryingOn503(() => call('GET', `${stack.gatewayUrl}/v1/fraud/flags`, { token: analyst }));
    expect(flags.final.status).toBe(200);
    for (const name of ['gateway', 'claims', 'underwriting', 'fraud'] as const) {
      expect(stack.isRunning(name)).toBe(true);
      expect(stack.output(name)).not.toMatch(/unhandled|uncaught/i);
    }
  });

  it('answers 503 with Retry-After when no instance of the owning service is listening', async () => {
    await stack.kill('fraud');
    const started = Date.now();
    const deviations = await outageDeviationsOf(stack.gatewayUrl, [
      { name: 'the fraud queue', method: 'GET', path: '/v1/fraud/flags', token: analyst },
    ]);
    expect(deviations).toEqual([]);
    // NATS says at once that nobody listens: the client does not wait for the request timeout.
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await call('GET', `${stack.gatewayUrl}/v1/claims`, { token: clinic })).status).toBe(200);
  });
});
