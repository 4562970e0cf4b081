import { randomUUID } from 'node:crypto';
import { RpcPatterns, type SubmitClaimPayload } from '#libs/contracts';
import { startPrivatePostgres, waitFor, type PrivatePostgres } from '#libs/testing';
import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import { aClaimBody, request } from './support/http-client.js';

/**
 * Idempotency-Key while the gateway's own database goes away (API.md: an outage answers 503 with
 * Retry-After): nothing runs without its key reserved, and an answer the database could not keep is
 * kept once it is back, so the client's retry replays it instead of meeting a key locked in flight.
 * The gateway's database is a PostgreSQL of this test's own; a stand-in plays the claims service and,
 * like it, stores one claim per submission key.
 */
describe('gateway Idempotency-Key through a database outage', () => {
  let database: PrivatePostgres;
  let gateway: GatewayHarness;
  let clinic: string;
  const claimsByKey = new Map<string, string>();
  const submit = (key: string) =>
    request('POST', `${gateway.url}/v1/claims`, aClaimBody(), { token: clinic, headers: { 'idempotency-key': key } });
  const submissions = () => gateway.standIn.calls.filter((call) => call.pattern === RpcPatterns.submitClaim);

  beforeAll(async () => {
    database = await startPrivatePostgres();
    gateway = await startGateway(
      { RPC_TIMEOUT_MS: '5000' },
      { databaseBaseUrl: `postgres://postgres@127.0.0.1:${database.port}` },
    );
    clinic = await gateway.token({ role: 'clinic', org: 'P-1' });
  });
  afterAll(async () => {
    await gateway?.stop();
    await database?.destroy();
  });
  beforeEach(() => answerLikeClaims(0));

  /** Answers submissions as the claims service does: one claim per submission key, after `delayMs`. */
  function answerLikeClaims(delayMs: number) {
    gateway.standIn.reset((call) => {
      const { submissionKey } = call.request.payload as SubmitClaimPayload;
      const key = submissionKey ?? randomUUID();
      const id = claimsByKey.get(key) ?? randomUUID();
      claimsByKey.set(key, id);
      return { reply: { ok: true, value: { id, status: 'received' } }, delayMs };
    });
  }

  it('answers 503 with Retry-After, and submits nothing, when it cannot reserve the key', async () => {
    await database.stopImmediate();
    try {
      const refused = await submit('no-reservation');
      expect(refused.status).toBe(503);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ type: 'urn:problem:healthclaims:service-unavailable' });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(submissions()).toHaveLength(0);
    } finally {
      await database.start();
    }
  });

  it('replays the claim stored while the database was away, instead of locking the key or submitting again', async () => {
    answerLikeClaims(1500);
    const first = submit('stored-during-outage');
    await waitFor(() => submissions().length === 1, { what: 'the submission to reach the stand-in' });
    await database.stopImmediate();
    let answered: Awaited<typeof first>;
    try {
      // The claim was stored; only the gateway's record of the answer could not be written.
      answered = await first;
    } finally {
      await database.start();
    }
    expect(answered.status).toBe(202);

    const retried = await waitFor(
      async () => {
        const response = await submit('stored-during-outage');
        return response.status === 503 ? undefined : response;
      },
      { what: 'an answer other than 503' },
    );
    expect(retried.status).toBe(202);
    expect(retried.body).toEqual(answered.body);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(submissions()).toHaveLength(1);
  });
});
