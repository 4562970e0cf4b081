import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import { aClaimBody, request } from './support/http-client.js';

/** API.md: Idempotency-Key on POST /v1/claims, kept in the gateway's own database. */
describe('gateway Idempotency-Key', () => {
  let gateway: GatewayHarness;
  let clinic: string;
  const submit = (body: unknown, key: string | undefined, token = clinic) =>
    request('POST', `${gateway.url}/v1/claims`, body, {
      token,
      headers: key === undefined ? {} : { 'idempotency-key': key },
    });
  const answersWithNewIds = () =>
    gateway.standIn.reset(() => ({ reply: { ok: true, value: { id: randomUUID(), status: 'received' } } }));

  beforeAll(async () => {
    gateway = await startGateway();
    clinic = await gateway.token({ role: 'clinic', org: 'P-1' });
  });
  afterAll(() => gateway.stop());
  beforeEach(answersWithNewIds);

  it('replays the first response for the same key and body, without submitting twice', async () => {
    const first = await submit(aClaimBody(), 'key-replay');
    expect(first.status).toBe(202);
    // Same content, other key order and whitespace: the same request.
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(aClaimBody()).reverse()), null, 2);
    const second = await request('POST', `${gateway.url}/v1/claims`, undefined, {
      token: clinic,
      raw: reordered,
      headers: { 'idempotency-key': 'key-replay', 'content-type': 'application/json' },
    });
    expect(second.status).toBe(202);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(gateway.standIn.calls).toHaveLength(1);
  });

  it('answers 409 when the key comes back with another body', async () => {
    expect((await submit(aClaimBody(), 'key-conflict')).status).toBe(202);
    const other = await submit(aClaimBody({ serviceDate: '2026-03-15' }), 'key-conflict');
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ type: 'urn:problem:healthclaims:idempotency-key-reused' });
    expect(gateway.standIn.calls).toHaveLength(1);
  });

  it('answers 409 to a second request while the first with the same key is in flight', async () => {
    gateway.standIn.reset(() => ({
      reply: { ok: true, value: { id: randomUUID(), status: 'received' } },
      delayMs: 250,
    }));
    const [a, b] = await Promise.all([submit(aClaimBody(), 'key-race'), submit(aClaimBody(), 'key-race')]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body).toMatchObject({ type: 'urn:problem:healthclaims:idempotency-key-in-use' });
    expect(loser.headers.get('retry-after')).toBe('1');
    expect(gateway.standIn.calls).toHaveLength(1);
    const later = await submit(aClaimBody(), 'key-race');
    expect(later.body).toEqual((a.status === 202 ? a : b).body);
  });

  it('keeps nothing when the service did not answer, so the same key can be retried', async () => {
    gateway.standIn.reset(() => 'silence');
    expect((await submit(aClaimBody(), 'key-retry')).status).toBe(503);
    answersWithNewIds();
    const retried = await submit(aClaimBody(), 'key-retry');
    expect(retried.status).toBe(202);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
  });

  it('replays a definite refusal from the service as it was', async () => {
    gateway.standIn.reset(() => ({ reply: { ok: false, error: { code: 'FORBIDDEN', detail: 'not your provider' } } }));
    const first = await submit(aClaimBody(), 'key-refused');
    answersWithNewIds();
    const second = await submit(aClaimBody(), 'key-refused');
    expect(first.status).toBe(403);
    expect(second.status).toBe(403);
    expect(second.body.detail).toBe('not your provider');
    expect(gateway.standIn.calls).toHaveLength(0);
  });

  it('keeps keys per caller: another caller’s identical key is its own', async () => {
    const insurer = await gateway.token({ role: 'insurer', org: 'I-1' });
    const mine = await submit(aClaimBody(), 'key-shared');
    const theirs = await submit(aClaimBody({ serviceDate: '2026-01-02' }), 'key-shared', insurer);
    expect(mine.status).toBe(202);
    expect(theirs.status).toBe(202);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('refuses a key over 255 characters and stores nothing for invalid bodies', async () => {
    const tooLong = await submit(aClaimBody(), 'k'.repeat(256));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
    expect((await submit(aClaimBody(), 'k'.repeat(255))).status).toBe(202);
    expect((await submit(aClaimBody({ serviceDate: 'nope' }), 'key-invalid-body')).status).toBe(400);
    // The invalid body left no trace: the key is still free for a valid one.
    expect((await submit(aClaimBody(), 'key-invalid-body')).status).toBe(202);
  });

  it('remembers each key for at least 24 hours', async () => {
    await submit(aClaimBody(), 'key-ttl');
    const client = new pg.Client({ connectionString: gateway.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ hours: number }>(
        `SELECT extract(epoch FROM expires_at - created_at) / 3600 AS hours FROM idempotency_keys WHERE key = 'key-ttl'`,
      );
      expect(Number(rows[0].hours)).toBeGreaterThanOrEqual(24);
    } finally {
      await client.end();
    }
  });
});
