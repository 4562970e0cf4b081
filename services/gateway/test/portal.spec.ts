import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
import { DEV_JWT_SECRET, DEV_WALLET_MNEMONIC } from '#libs/auth';
import { readGatewayConfig } from '../src/config/gateway-config.js';
import { API_CSP, portalCsp } from '../src/security/security-headers.js';
import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import { request } from './support/http-client.js';

const INDEX =
  '<!doctype html><html lang="en"><head><script type="module" src="/app/assets/app-1a2b.js"></script></head></html>';

describe('the web app under /app', () => {
  let dir: string;
  let gateway: GatewayHarness;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portal-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'console.log(1);');
    writeFileSync(join(tmpdir(), 'portal-secret.txt'), 'outside');
    gateway = await startGateway({ PORTAL_DIR: dir });
  });
  afterAll(async () => {
    await gateway.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html for the app and its client routes, under a strict CSP', async () => {
    for (const path of ['/app/', '/app/patient', '/app/patient/claims/0b6f8f36-5d1e-4c52-9f55-8f3f3b0f8a11']) {
      const page = await request('GET', `${gateway.url}${path}`);
      expect(page.status).toBe(200);
      expect(page.text).toBe(INDEX);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(page.headers.get('content-security-policy')).toBe(portalCsp());
      expect(page.headers.get('x-frame-options')).toBe('DENY');
    }
    const csp = portalCsp();
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self';");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
  });

  it('serves hashed assets for a year, a missing one as 404, nothing outside its folder', async () => {
    const asset = await request('GET', `${gateway.url}/app/assets/app-1a2b.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await request('GET', `${gateway.url}/app/assets/app-old.js`)).status).toBe(404);
    for (const path of ['/app/../portal-secret.txt', '/app/%2e%2e/portal-secret.txt', '/app/..%2fportal-secret.txt']) {
      const escaped = await request('GET', `${gateway.url}${path}`);
      expect(escaped.text).not.toContain('outside');
    }
  });

  it('leads / to the app, and keeps the API’s own CSP on the API', async () => {
    const root = await fetch(`${gateway.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/app/');
    const config = await request('GET', `${gateway.url}/portal/config`);
    expect(config.headers.get('content-security-policy')).toBe(API_CSP);
  });

  it('offers the demo sign-in with the development secret: the banner’s tokens, the patient’s and clinic’s demo wallets', async () => {
    const config = await request<{ signIn: string; demoPrincipals: { role: string; label: string }[] }>(
      'GET',
      `${gateway.url}/portal/config`,
    );
    expect(config.status).toBe(200);
    expect(config.body.signIn).toBe('development');
    expect(config.body.demoPrincipals).toContainEqual({ role: 'patient', label: 'patient M-1' });
    const signedIn = await request<{ token: string; demoWallet: { path: string } }>(
      'POST',
      `${gateway.url}/portal/demo-sign-in`,
      { role: 'patient' },
    );
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('cache-control')).toBe('no-store');
    const { payload } = await jwtVerify(signedIn.body.token, new TextEncoder().encode(DEV_JWT_SECRET));
    expect(payload).toMatchObject({ role: 'patient', patient: 'M-1' });
    expect(signedIn.body.demoWallet.path).toBe("m/44'/60'/0'/0/2");
    // The clinic's too: the account the demo registered as P-1's payee and anchor signer.
    const clinic = await request<{ principal: { label: string }; demoWallet: { mnemonic: string; path: string } }>(
      'POST',
      `${gateway.url}/portal/demo-sign-in`,
      { role: 'clinic' },
    );
    expect(clinic.status).toBe(200);
    expect(clinic.body.principal.label).toBe('clinic P-1');
    expect(clinic.body.demoWallet).toEqual({ mnemonic: DEV_WALLET_MNEMONIC, path: "m/44'/60'/0'/0/3" });
    for (const role of ['insurer', 'analyst', 'admin']) {
      const other = await request('POST', `${gateway.url}/portal/demo-sign-in`, { role });
      expect(other.status).toBe(200);
      expect(other.body).not.toHaveProperty('demoWallet');
    }
    const claims = await request('GET', `${gateway.url}/v1/claims`, undefined, { token: signedIn.body.token });
    expect(claims.status).not.toBe(401);
    const unknown = await request('POST', `${gateway.url}/portal/demo-sign-in`, { role: 'root' });
    expect(unknown.status).toBe(400);
  });

  it('refuses the demo sign-in with any other secret, and offers OpenID Connect when configured', async () => {
    const ownSecret = await startGateway({
      PORTAL_DIR: dir,
      AUTH_JWT_SECRET: 'a-secret-of-this-deployment-only-0123456789',
    });
    const oidc = await startGateway({
      PORTAL_DIR: dir,
      PORTAL_OIDC_ISSUER: 'https://login.example.org/realms/hc',
      PORTAL_OIDC_CLIENT_ID: 'portal',
    });
    try {
      expect((await request('GET', `${ownSecret.url}/portal/config`)).body).toEqual({ signIn: 'none' });
      for (const role of ['patient', 'clinic']) {
        const refused = await request('POST', `${ownSecret.url}/portal/demo-sign-in`, { role });
        expect(refused.status).toBe(404);
        expect(refused.body).not.toHaveProperty('demoWallet');
      }
      expect((await request('GET', `${oidc.url}/portal/config`)).body).toEqual({
        signIn: 'oidc',
        oidc: { issuer: 'https://login.example.org/realms/hc', clientId: 'portal', scope: 'openid' },
      });
      expect((await request('POST', `${oidc.url}/portal/demo-sign-in`, { role: 'patient' })).status).toBe(404);
      expect((await request('POST', `${oidc.url}/portal/demo-sign-in`, { role: 'clinic' })).status).toBe(404);
      const page = await request('GET', `${oidc.url}/app/`);
      expect(page.headers.get('content-security-policy')).toBe(portalCsp(['https://login.example.org']));
    } finally {
      await ownSecret.stop();
      await oidc.stop();
    }
  });

  it('names the block explorer’s transaction page when configured, with any sign-in', async () => {
    const template = 'https://explorer.example/tx/{txHash}';
    const development = await startGateway({ PORTAL_DIR: dir, PORTAL_EXPLORER_TX_URL: template });
    const oidc = await startGateway({
      PORTAL_DIR: dir,
      PORTAL_OIDC_ISSUER: 'https://login.example.org/realms/hc',
      PORTAL_OIDC_CLIENT_ID: 'portal',
      PORTAL_EXPLORER_TX_URL: template,
    });
    try {
      expect((await request('GET', `${development.url}/portal/config`)).body).toMatchObject({
        signIn: 'development',
        explorerTxUrl: template,
      });
      expect((await request('GET', `${oidc.url}/portal/config`)).body).toMatchObject({
        signIn: 'oidc',
        explorerTxUrl: template,
      });
      // A link leaves the app; the CSP governs what the app loads, so it stays as strict as without one.
      const page = await request('GET', `${development.url}/app/`);
      expect(page.headers.get('content-security-policy')).toBe(portalCsp());
    } finally {
      await development.stop();
      await oidc.stop();
    }
    expect((await request('GET', `${gateway.url}/portal/config`)).body).not.toHaveProperty('explorerTxUrl');
  });

  it('does not start with an explorer URL that is not one, naming the variable', () => {
    for (const value of ['http://explorer.example/tx/{txHash}', 'https://explorer.example/tx/', 'not a url {txHash}']) {
      expect(() => readGatewayConfig({ PORTAL_DIR: dir, PORTAL_EXPLORER_TX_URL: value })).toThrow(
        /^Invalid configuration: PORTAL_EXPLORER_TX_URL /,
      );
    }
  });
});
