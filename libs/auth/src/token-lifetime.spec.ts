import { SignJWT } from 'jose';
import { ConfigError } from '#libs/config';
import { DEV_JWT_SECRET, readAuthConfig } from './auth-config.js';
import { InvalidTokenError } from './principal-claims.js';
import { signDevelopmentToken } from './sign.js';
import { createTokenVerifier } from './verify-token.js';

const config = { kind: 'shared-secret', secret: DEV_JWT_SECRET, isDevelopmentDefault: true } as const;
const verify = createTokenVerifier(config, { cacheSize: 0 });
const key = new TextEncoder().encode(DEV_JWT_SECRET);
const nowSeconds = () => Math.floor(Date.now() / 1000);

function adminToken({ iat, exp }: { iat?: number; exp?: number }): Promise<string> {
  const jwt = new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('root');
  if (iat !== undefined) jwt.setIssuedAt(iat);
  if (exp !== undefined) jwt.setExpirationTime(exp);
  return jwt.sign(key);
}

describe('token lifetime', () => {
  it('accepts a token of at most 24 hours by default', async () => {
    const iat = nowSeconds();
    await expect(verify(await adminToken({ iat, exp: iat + 24 * 3600 }))).resolves.toEqual({
      sub: 'root',
      role: 'admin',
    });
  });

  it('refuses a token without iat', async () => {
    await expect(verify(await adminToken({ exp: nowSeconds() + 60 }))).rejects.toThrow(/"iat"/);
  });

  it('refuses a token without exp', async () => {
    await expect(verify(await adminToken({ iat: nowSeconds() }))).rejects.toThrow(/"exp"/);
  });

  it('refuses a token that lives longer than the maximum', async () => {
    const iat = nowSeconds();
    await expect(verify(await adminToken({ iat, exp: iat + 24 * 3600 + 1 }))).rejects.toThrow(/lifetime/);
    await expect(verify(await adminToken({ iat, exp: iat + 10 * 365 * 24 * 3600 }))).rejects.toBeInstanceOf(
      InvalidTokenError,
    );
  });

  it('refuses a token issued in the future beyond a small clock skew, and accepts one within it', async () => {
    const later = nowSeconds() + 60;
    await expect(verify(await adminToken({ iat: later, exp: later + 600 }))).rejects.toThrow(/"iat"/);
    const skewed = nowSeconds() + 2;
    await expect(verify(await adminToken({ iat: skewed, exp: skewed + 600 }))).resolves.toMatchObject({
      role: 'admin',
    });
  });

  it('refuses a token whose iat is older than the maximum, even with a later exp', async () => {
    const iat = nowSeconds() - 25 * 3600;
    await expect(verify(await adminToken({ iat, exp: nowSeconds() + 600 }))).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('applies AUTH_MAX_TOKEN_LIFETIME_SECONDS', async () => {
    const short = createTokenVerifier(readAuthConfig({ AUTH_MAX_TOKEN_LIFETIME_SECONDS: '600' }), { cacheSize: 0 });
    const iat = nowSeconds();
    await expect(short(await adminToken({ iat, exp: iat + 600 }))).resolves.toMatchObject({ role: 'admin' });
    await expect(short(await adminToken({ iat, exp: iat + 601 }))).rejects.toThrow(/exceeds 600 s/);
  });

  it.each(['0', 'day', String(8 * 24 * 3600)])('names AUTH_MAX_TOKEN_LIFETIME_SECONDS when it is %s', (value) => {
    expect(() => readAuthConfig({ AUTH_MAX_TOKEN_LIFETIME_SECONDS: value })).toThrow(ConfigError);
    expect(() => readAuthConfig({ AUTH_MAX_TOKEN_LIFETIME_SECONDS: value })).toThrow('AUTH_MAX_TOKEN_LIFETIME_SECONDS');
  });

  it('never signs a development token the gateway would refuse for its lifetime', async () => {
    await expect(signDevelopmentToken({ role: 'admin' }, DEV_JWT_SECRET, 24 * 3600 + 1)).rejects.toThrow(
      /at most 86400/,
    );
    await expect(verify(await signDevelopmentToken({ role: 'admin' }, DEV_JWT_SECRET, 24 * 3600))).resolves.toEqual({
      sub: 'dev-admin',
      role: 'admin',
    });
  });
});
