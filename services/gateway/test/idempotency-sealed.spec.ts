import { randomUUID } from 'node:crypto';
import { PhiReencryption } from '#libs/phi';
import pg from 'pg';
import { idempotencyScope, requestFingerprint } from '../src/idempotency/idempotency-fingerprint.js';
import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import { aClaimBody, request } from './support/http-client.js';

const NAME = 'Zebulon Quixote-Phiscan';
const BIRTH_DATE = '1931-07-19';
const DIAGNOSIS = 'S06.0X1A';

/** Issue 13: the responses the gateway keeps for Idempotency-Key replays hold personal data; none rests in the clear. */
describe('gateway Idempotency-Key, sealed at rest', () => {
  let gateway: GatewayHarness;
  let clinic: string;
  let db: pg.Client;
  const submit = (key: string) =>
    request('POST', `${gateway.url}/v1/claims`, aClaimBody({ diagnosisCodes: [DIAGNOSIS] }), {
      token: clinic,
      headers: { 'idempotency-key': key },
    });

  beforeAll(async () => {
    gateway = await startGateway();
    clinic = await gateway.token({ role: 'clinic', org: 'P-1' });
    db = new pg.Client({ connectionString: gateway.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await gateway.stop();
  });
  beforeEach(() =>
    // Keys in no particular order, as a service answers: a replay must not reorder them.
    gateway.standIn.reset(() => ({
      reply: {
        ok: true,
        value: {
          status: 'received',
          id: randomUUID(),
          patient: { name: NAME, birthDate: BIRTH_DATE },
          diagnosisCodes: [DIAGNOSIS],
        },
      },
    })),
  );

  const storedRow = async (key: string) =>
    (
      await db.query<{ fingerprint: string; response_body: unknown; text: string }>(
        `SELECT fingerprint, response_body, response_body::text AS text FROM idempotency_keys WHERE key = $1`,
        [key],
      )
    ).rows[0];

  it('keeps the response sealed and the fingerprint keyed, and replays the response byte for byte', async () => {
    const first = await submit('key-sealed');
    expect(first.status).toBe(202);
    const replayed = await submit('key-sealed');
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.text).toBe(first.text);
    expect(gateway.standIn.calls).toHaveLength(1);

    const row = await storedRow('key-sealed');
    expect(row.response_body).toMatch(/^phi1:dk[0-9a-f]{12}:/);
    for (const personal of [NAME, BIRTH_DATE, DIAGNOSIS]) expect(row.text).not.toContain(personal);
    // Not the plain SHA-256 of the request, which would confirm a guessed diagnosis to a reader of the table.
    expect(row.fingerprint).not.toBe(
      requestFingerprint('POST', '/v1/claims', aClaimBody({ diagnosisCodes: [DIAGNOSIS] })),
    );
    expect(row.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('still replays a response kept in the clear before encryption, and the background pass seals it', async () => {
    const body = aClaimBody({ diagnosisCodes: [DIAGNOSIS] });
    const response = { id: randomUUID(), status: 'received', patient: { name: NAME } };
    const { sub } = JSON.parse(Buffer.from(clinic.split('.')[1], 'base64url').toString()) as { sub: string };
    const scope = idempotencyScope({ sub, role: 'clinic', org: 'P-1' });
    await db.query(
      `INSERT INTO idempotency_keys (scope, key, fingerprint, state, response_status, response_body, expires_at)
       VALUES ($1, 'key-legacy', $2, 'completed', 202, $3::jsonb, now() + interval '1 day')`,
      [scope, requestFingerprint('POST', '/v1/claims', body), JSON.stringify(response)],
    );
    const replayed = await submit('key-legacy');
    expect(replayed.status).toBe(202);
    expect(replayed.body).toEqual(response);
    expect(gateway.standIn.calls).toHaveLength(0);

    expect(await gateway.app.get(PhiReencryption).runOnce()).toEqual({ 'idempotency_keys.response_body': 1 });
    const row = await storedRow('key-legacy');
    expect(row.text).not.toContain(NAME);
    expect((await submit('key-legacy')).body).toEqual(response);
  });
});
