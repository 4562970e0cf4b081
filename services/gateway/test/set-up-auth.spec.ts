import type { DevelopmentTokenClaims } from '#libs/auth';
import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import { PROBLEM_JSON, request } from './support/http-client.js';
import { aMemberBody, anInsurerBody, aPlanBody, aQuoteBody } from './support/set-up-bodies.js';

const ADMIN = { role: 'admin' } as const;
const INSURER = { role: 'insurer', org: 'I-1' } as const;
const CLINIC = { role: 'clinic', org: 'P-1' } as const;
const PATIENT = { role: 'patient', patient: 'M-1' } as const;
const ANALYST = { role: 'analyst', org: 'I-1' } as const;
const EVERYONE: DevelopmentTokenClaims[] = [ADMIN, INSURER, CLINIC, PATIENT, ANALYST];

/** Each set-up endpoint, with the roles API.md lets call it. */
const ENDPOINTS = [
  { method: 'POST', path: '/v1/insurers', body: anInsurerBody(), allowed: [ADMIN] },
  { method: 'POST', path: '/v1/plans', body: aPlanBody(), allowed: [INSURER] },
  { method: 'POST', path: '/v1/members', body: aMemberBody(), allowed: [INSURER] },
  { method: 'PATCH', path: '/v1/members/M-1', body: { status: 'cancelled' }, allowed: [INSURER] },
  { method: 'GET', path: '/v1/members/M-1/eligibility', body: undefined, allowed: [INSURER, CLINIC, PATIENT] },
  { method: 'POST', path: '/v1/quotes', body: aQuoteBody(), allowed: [INSURER] },
] as const;

describe('set-up endpoints: who may call (401 / 403)', () => {
  let gateway: GatewayHarness;

  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(() => gateway.stop());
  beforeEach(() => gateway.standIn.reset(() => ({ reply: { ok: true, value: {} } })));

  describe.each(ENDPOINTS)('$method $path', ({ method, path, body, allowed }) => {
    it('answers 401 without a valid token and asks no service', async () => {
      for (const headers of [{}, { authorization: 'Bearer not-a-token' }] as Record<string, string>[]) {
        const response = await request(method, `${gateway.url}${path}`, body, { headers });
        expect(response.status).toBe(401);
        expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
      }
      expect(gateway.standIn.calls).toHaveLength(0);
    });

    it('answers 403 to every other role and asks no service', async () => {
      for (const claims of EVERYONE.filter((role) => !(allowed as readonly DevelopmentTokenClaims[]).includes(role))) {
        const response = await request(method, `${gateway.url}${path}`, body, { token: await gateway.token(claims) });
        expect({ role: claims.role, status: response.status }).toEqual({ role: claims.role, status: 403 });
        expect(response.body).toMatchObject({ type: 'urn:problem:healthclaims:forbidden', status: 403 });
      }
      expect(gateway.standIn.calls).toHaveLength(0);
    });

    it('passes the allowed roles on to the owning service with the caller as principal', async () => {
      for (const claims of allowed) {
        gateway.standIn.reset();
        const response = await request(method, `${gateway.url}${path}`, body, { token: await gateway.token(claims) });
        expect({ role: claims.role, status: response.status }).toEqual({
          role: claims.role,
          status: method === 'POST' && path !== '/v1/quotes' ? 201 : 200,
        });
        expect(gateway.standIn.calls[0].request.principal).toMatchObject(claims);
      }
    });
  });
});
