import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { launchChromium, waitFor, type Browser } from '#libs/testing';
import { startGateway, type GatewayHarness } from './support/gateway-harness.js';

/**
 * The web app's production sign-in in Chromium: OpenID Connect, authorization code with PKCE, against a
 * small issuer of this test's own (discovery, authorize, token, JWKS), the gateway verifying its tokens
 * by JWKS. Needs the built app (npm run build) and Debian's chromium.
 */
class FakeIssuer {
  readonly authorizeRequests: URLSearchParams[] = [];
  readonly tokenRequests: URLSearchParams[] = [];
  private readonly codes = new Map<string, { challenge: string; redirectUri: string }>();
  url = '';
  issuedToken = '';
  private server: Server | undefined;
  private key: CryptoKey | undefined;
  private jwk: Record<string, unknown> = {};

  async start(): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    this.key = privateKey;
    this.jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    // Public clients call discovery and the token endpoint from the browser: CORS, as real issuers do.
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: this.url,
        authorization_endpoint: `${this.url}/authorize`,
        token_endpoint: `${this.url}/token`,
        jwks_uri: `${this.url}/jwks`,
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [this.jwk] });
    if (url.pathname === '/authorize') {
      // The person signs in here; this issuer lets them in at once and sends the browser back with a code.
      this.authorizeRequests.push(url.searchParams);
      const code = randomBytes(16).toString('hex');
      const redirectUri = url.searchParams.get('redirect_uri') ?? '';
      this.codes.set(code, { challenge: url.searchParams.get('code_challenge') ?? '', redirectUri });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      response.writeHead(302, { location: back.toString() });
      return void response.end();
    }
    if (url.pathname === '/token' && request.method === 'POST') {
      let body = '';
      for await (const chunk of request) body += String(chunk);
      const form = new URLSearchParams(body);
      this.tokenRequests.push(form);
      const issued = this.codes.get(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (!issued || issued.challenge !== challenge || issued.redirectUri !== form.get('redirect_uri')) {
        return json(400, { error: 'invalid_grant' });
      }
      this.codes.delete(form.get('code') ?? '');
      const now = Math.floor(Date.now() / 1000);
      this.issuedToken = await new SignJWT({ role: 'patient', patient: 'M-1' })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setIssuer(this.url)
        .setSubject('oidc-patient-m1')
        .setIssuedAt(now)
        .setExpirationTime(now + 300)
        .sign(this.key as CryptoKey);
      return json(200, { access_token: this.issuedToken, token_type: 'Bearer', expires_in: 300 });
    }
    json(404, { error: 'not_found' });
  }
}

describe('the web app’s OpenID Connect sign-in (authorization code with PKCE) in Chromium', () => {
  const issuer = new FakeIssuer();
  let gateway: GatewayHarness;
  let browser: Browser | undefined;

  beforeAll(async () => {
    await issuer.start();
    gateway = await startGateway({
      AUTH_JWT_SECRET: '',
      AUTH_JWKS_URL: `${issuer.url}/jwks`,
      AUTH_JWT_ISSUER: issuer.url,
      PORTAL_OIDC_ISSUER: issuer.url,
      PORTAL_OIDC_CLIENT_ID: 'healthclaims-portal',
    });
    gateway.standIn.reset(() => ({ reply: { ok: true, value: { items: [], nextCursor: null } } }));
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await issuer.stop();
  });

  it('signs in at the issuer, exchanges the code with its verifier, and calls the API with the token', async () => {
    browser = await launchChromium();
    const { page, problems } = browser;
    await page.goto(`${gateway.url}/app/`);
    const host = new URL(issuer.url).host;
    await page.getByRole('button', { name: `Sign in with ${host}` }).click();
    await page.getByRole('heading', { level: 1, name: 'My claims' }).waitFor();

    const [authorize] = issuer.authorizeRequests;
    expect(Object.fromEntries(authorize ?? [])).toMatchObject({
      response_type: 'code',
      client_id: 'healthclaims-portal',
      redirect_uri: `${gateway.url}/app/callback`,
      scope: 'openid',
      code_challenge_method: 'S256',
    });
    const [exchange] = issuer.tokenRequests;
    expect(exchange?.get('grant_type')).toBe('authorization_code');
    expect(exchange?.get('client_secret')).toBeNull();
    // The code and state never stay in the address bar; the token is in sessionStorage, nowhere in a URL.
    expect(page.url()).toBe(`${gateway.url}/app/patient`);
    const stored = await page.evaluate<string | null>(`sessionStorage.getItem('healthclaims.session')`);
    expect(JSON.parse(stored ?? '{}')).toMatchObject({ token: issuer.issuedToken, role: 'patient' });
    expect(await page.evaluate<string | null>(`sessionStorage.getItem('healthclaims.oidc.pending')`)).toBeNull();
    // The heading shows before the page's first request reaches the service: wait for the request.
    const listed = await waitFor(() => gateway.standIn.calls.find((call) => call.pattern.endsWith('claims.list')), {
      timeoutMs: 10_000,
      what: 'the claims list request with the OIDC token',
    });
    expect(listed?.request).toMatchObject({ principal: { sub: 'oidc-patient-m1', role: 'patient', patient: 'M-1' } });

    // A callback this tab did not start (a forged or replayed state) signs nobody in.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${gateway.url}/app/callback?code=stolen&state=forged`);
    await page
      .getByRole('alert')
      .getByText(/no sign-in was started in this tab/)
      .waitFor();
    expect(issuer.tokenRequests).toHaveLength(1);
    expect(problems).toEqual([]);
  }, 60_000);
});
