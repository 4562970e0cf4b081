import { SignJWT } from 'jose';
import { DEV_JWT_SECRET } from '#libs/auth';
import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import { aClaimBody, PROBLEM_JSON, request } from './support/http-client.js';

describe('gateway auth rules (401 / 403)', () => {
  let gateway: GatewayHarness;
  const claimsUrl = () => `${gateway.url}/v1/claims`;

  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(() => gateway.stop());
  beforeEach(() => gateway.standIn.reset(() => ({ reply: { ok: true, value: { id: 'x', status: 'received' } } })));

  it('answers 401 with a bearer challenge when the token is missing', async () => {
    const response = await request('POST', claimsUrl(), aClaimBody());
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(response.body).toMatchObject({
      status: 401,
      title: 'Unauthorized',
      type: 'urn:problem:healthclaims:unauthorized',
    });
  });

  it('answers 401 for a token signed with another secret, an expired one and a non-bearer scheme', async () => {
    const forged = await new SignJWT({ role: 'clinic', org: 'P-1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-gateway-secret-but-long-enough'));
    const expired = await new SignJWT({ role: 'clinic', org: 'P-1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 120)
      .sign(new TextEncoder().encode(DEV_JWT_SECRET));
    for (const token of [forged, expired]) {
      expect((await request('GET', claimsUrl(), undefined, { token })).status).toBe(401);
    }
    const basic = await request('GET', claimsUrl(), undefined, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.status).toBe(401);
  });

  it('answers 401 for a validly signed token whose claims are incomplete', async () => {
    const noOrg = await new SignJWT({ role: 'clinic' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(DEV_JWT_SECRET));
    expect((await request('GET', claimsUrl(), undefined, { token: noOrg })).status).toBe(401);
  });

  it('answers 401 for a token without iat or exp, living longer than 24 h, or issued in the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    const signed = (times: { iat?: number; exp?: number }) => {
      const jwt = new SignJWT({ role: 'clinic', org: 'P-1' }).setProtectedHeader({ alg: 'HS256' }).setSubject('u');
      if (times.iat !== undefined) jwt.setIssuedAt(times.iat);
      if (times.exp !== undefined) jwt.setExpirationTime(times.exp);
      return jwt.sign(new TextEncoder().encode(DEV_JWT_SECRET));
    };
    const tokens = [
      await signed({ exp: now + 3600 }),
      await signed({ iat: now }),
      await signed({ iat: now, exp: now + 10 * 365 * 24 * 3600 }),
      await signed({ iat: now + 300, exp: now + 600 }),
    ];
    for (const token of tokens) {
      const response = await request('GET', claimsUrl(), undefined, { token });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
    }
    expect(
      (await request('GET', claimsUrl(), undefined, { token: await signed({ iat: now, exp: now + 3600 }) })).status,
    ).toBe(200);
  });

  it('answers 403 to roles that may never submit a claim, and sends them nowhere', async () => {
    for (const claims of [
      { role: 'admin' },
      { role: 'patient', patient: 'M-1' },
      { role: 'analyst', org: 'I-1' },
    ] as const) {
      const response = await request('POST', claimsUrl(), aClaimBody(), { token: await gateway.token(claims) });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ status: 403, type: 'urn:problem:healthclaims:forbidden' });
    }
    expect(gateway.standIn.calls).toHaveLength(0);
  });

  it('answers 403 to an admin reading claims', async () => {
    const token = await gateway.token({ role: 'admin' });
    expect((await request('GET', claimsUrl(), undefined, { token })).status).toBe(403);
    expect(
      (await request('GET', `${claimsUrl()}/0b6f8f36-5d1e-4c52-9f55-8f3f3b0f8a11`, undefined, { token })).status,
    ).toBe(403);
  });

  it('lets clinics and insurers submit, and patients, clinics, insurers and analysts read', async () => {
    const submitters = [
      { role: 'clinic', org: 'P-1' },
      { role: 'insurer', org: 'I-1' },
    ] as const;
    for (const claims of submitters) {
      expect((await request('POST', claimsUrl(), aClaimBody(), { token: await gateway.token(claims) })).status).toBe(
        202,
      );
    }
    gateway.standIn.reset(() => ({ reply: { ok: true, value: { items: [], nextCursor: null } } }));
    const readers = [...submitters, { role: 'patient', patient: 'M-1' }, { role: 'analyst', org: 'I-1' }] as const;
    for (const claims of readers) {
      expect((await request('GET', claimsUrl(), undefined, { token: await gateway.token(claims) })).status).toBe(200);
    }
  });

  it('answers 404, not 403, for a claim the service says belongs to someone else', async () => {
    gateway.standIn.reset(() => ({ reply: { ok: false, error: { code: 'NOT_FOUND', detail: 'no such claim' } } }));
    const token = await gateway.token({ role: 'clinic', org: 'P-2' });
    const response = await request('GET', `${claimsUrl()}/0b6f8f36-5d1e-4c52-9f55-8f3f3b0f8a11`, undefined, { token });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ status: 404, detail: 'no such claim' });
  });
});
