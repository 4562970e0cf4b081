import pg from 'pg';
import { startPrivatePostgres, waitFor, type PrivatePostgres } from '#libs/testing';
import { startApiStack, type ApiStack } from './support/api-stack.js';
import { aClaim, call, type ApiResponse } from './support/http.js';
import { outageDeviationsOf, retryingOn503, type SampleRequest } from './support/outage-checks.js';
import { aMember, aPlan, addressOf, SetUpClient } from './support/set-up-builders.js';

const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/**
 * API.md: an outage of a dependency answers 503 with Retry-After, never 500. The gateway, claims,
 * underwriting, billing and fraud run on a PostgreSQL of this test's own, which it stops in
 * immediate mode (as a crash looks) and starts again; a client retrying with its Idempotency-Key gets
 * its claim in exactly once.
 */
describe('API while PostgreSQL is down', () => {
  let database: PrivatePostgres;
  let stack: ApiStack;
  let clinic: string;
  let admin: SetUpClient;
  let insurer: SetUpClient;
  let analyst: string;
  let claimBefore: string;
  const claims = () => `${stack.gatewayUrl}/v1/claims`;
  const submit = (key: string, body = aClaim()) =>
    call('POST', claims(), { token: clinic, body, headers: { 'idempotency-key': key } });

  beforeAll(async () => {
    database = await startPrivatePostgres();
    stack = await startApiStack('apipgdown', {}, ['claims', 'underwriting', 'billing', 'fraud'], {
      databaseBaseUrl: `postgres://postgres@127.0.0.1:${database.port}`,
    });
    clinic = await stack.token({ role: 'clinic', org: 'P-1' });
    analyst = await stack.token({ role: 'analyst', org: 'I-PG' });
    admin = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'admin' }));
    insurer = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'insurer', org: 'I-PG' }));
    await admin.expect(201, 'POST', '/v1/insurers', { id: 'I-PG', name: 'Outage Health', address: addressOf(41) });
    await admin.expect(201, 'POST', '/v1/providers', { id: 'P-1', name: 'Clinic One', address: addressOf(42) });
    await insurer.expect(201, 'POST', '/v1/plans', aPlan('PLAN-PG'));
    await insurer.expect(201, 'POST', '/v1/members', aMember('M-1', 'PLAN-PG'));
    const accepted = await call('POST', claims(), { token: clinic, body: aClaim() });
    expect(accepted.status).toBe(202);
    claimBefore = String(accepted.body.id);
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    await database?.destroy();
  });

  /** Stops PostgreSQL, runs `during`, and always starts it again. */
  async function withDatabaseDown<T>(during: () => Promise<T>): Promise<T> {
    await database.stopImmediate();
    try {
      return await during();
    } finally {
      await database.start();
    }
  }

  it('answers 503 with Retry-After and problem+json on every endpoint, never 500, and recovers', async () => {
    const samples: SampleRequest[] = [
      {
        name: 'submit with a key',
        method: 'POST',
        path: '/v1/claims',
        token: clinic,
        body: aClaim(),
        headers: { 'idempotency-key': 'sample-1' },
      },
      { name: 'submit', method: 'POST', path: '/v1/claims', token: clinic, body: aClaim() },
      { name: 'list claims', method: 'GET', path: '/v1/claims', token: clinic },
      { name: 'read a claim', method: 'GET', path: `/v1/claims/${claimBefore}`, token: clinic },
      { name: 'a timeline', method: 'GET', path: `/v1/claims/${claimBefore}/timeline`, token: clinic },
      {
        name: 'an estimate',
        method: 'POST',
        path: '/v1/estimates',
        token: clinic,
        body: {
          memberId: 'M-1',
          providerId: 'P-1',
          plannedDate: tomorrow,
          lines: [{ code: '99213', units: 1, charge: 15_000 }],
        },
        headers: { 'idempotency-key': 'estimate-1' },
      },
      { name: 'the fraud queue', method: 'GET', path: '/v1/fraud/flags', token: analyst },
      {
        name: 'an insurer',
        method: 'POST',
        path: '/v1/insurers',
        token: admin.token,
        body: { id: 'I-NEW', name: 'New', address: addressOf(43) },
      },
      {
        name: 'a member',
        method: 'POST',
        path: '/v1/members',
        token: insurer.token,
        body: aMember('M-NEW', 'PLAN-PG'),
      },
      { name: 'eligibility', method: 'GET', path: '/v1/members/M-1/eligibility', token: insurer.token },
      {
        name: 'the fee schedule',
        method: 'PUT',
        path: '/v1/fee-schedule',
        token: insurer.token,
        body: { entries: [{ code: '99213', amount: 10_000 }] },
      },
    ];
    const { deviations, ready, live } = await withDatabaseDown(async () => {
      // Twice: once on connections the outage cut, once on a pool that cannot reconnect.
      const deviations = [
        ...(await outageDeviationsOf(stack.gatewayUrl, samples)),
        ...(await outageDeviationsOf(stack.gatewayUrl, samples)),
      ];
      const ready = await call('GET', `${stack.gatewayUrl}/health/ready`);
      const live = await call('GET', `${stack.gatewayUrl}/health/live`);
      return { deviations, ready, live };
    });
    expect(deviations).toEqual([]);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('retry-after')).toBeTruthy();
    expect(live.status).toBe(200);

    // Back by itself: the same requests succeed without restarting anything.
    const list = await retryingOn503(() => call('GET', claims(), { token: clinic }));
    expect(list.final.status).toBe(200);
    await waitFor(async () => (await call('GET', `${stack.gatewayUrl}/health/ready`)).status === 200, {
      what: 'the gateway to be ready again',
    });
    for (const name of ['gateway', 'claims', 'underwriting', 'billing', 'fraud'] as const) {
      expect(stack.isRunning(name)).toBe(true);
      expect(stack.output(name)).not.toMatch(/unhandled|uncaught/i);
    }
  });

  it('gets a claim in exactly once when the client retries its Idempotency-Key after a 503', async () => {
    const before = await stack.storedClaims();
    const refused = await withDatabaseDown(() => submit('retry-after-outage'));
    expect(refused.status).toBe(503);

    const { final, seen } = await retryingOn503(() => submit('retry-after-outage'));
    expect(final.status).toBe(202);
    expect(seen.filter((status) => status !== 503 && status !== 202)).toEqual([]);
    const again = await submit('retry-after-outage');
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(final.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await stack.storedClaims()).toBe(before + 1);
  });

  it('gets a claim in exactly once when PostgreSQL stops while the claim is being stored', async () => {
    const before = await stack.storedClaims();
    // Hold the claims table so the submission is caught mid-way: the gateway has reserved the key
    // and the claims service is inserting when the database goes.
    const lock = new pg.Client({ connectionString: stack.databaseUrl('claims') });
    lock.on('error', () => undefined);
    await lock.connect();
    await lock.query('BEGIN');
    await lock.query('LOCK TABLE claims IN SHARE MODE');
    const inFlight = submit('caught-mid-way');
    await waitFor(() => insertWaitsOnLock(stack), { what: 'the claim insert to wait on the lock' });
    let refused: ApiResponse;
    try {
      refused = await withDatabaseDown(() => inFlight);
    } finally {
      await lock.end().catch(() => undefined);
    }
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBeTruthy();

    // Neither a second claim nor a key locked in flight: 503s while the database comes back, then 202.
    const { final, seen } = await retryingOn503(() => submit('caught-mid-way'));
    expect(final.status).toBe(202);
    expect(seen.filter((status) => status !== 503 && status !== 202)).toEqual([]);
    expect((await submit('caught-mid-way')).body.id).toBe(final.body.id);
    expect(await stack.storedClaims()).toBe(before + 1);
  });
});

/** Whether the claims service's insert is waiting on the test's lock (asked afresh: statistics are per transaction). */
async function insertWaitsOnLock(stack: ApiStack): Promise<boolean> {
  const rows = await stack.sql(
    'claims',
    `SELECT count(*) AS n FROM pg_stat_activity
     WHERE wait_event_type = 'Lock' AND query ILIKE '%INSERT INTO claims (%'`,
  );
  return Number(rows[0].n) > 0;
}
