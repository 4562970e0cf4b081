import { SignJWT, UnsecuredJWT } from 'jose';
import { DEV_JWT_SECRET } from './auth-config.js';
import { InvalidTokenError } from './principal-claims.js';
import { signDevelopmentToken } from './sign.js';
import { createTokenVerifier, verifyToken } from './verify-token.js';

const config = { kind: 'shared-secret', secret: DEV_JWT_SECRET, isDevelopmentDefault: true } as const;
const verify = createTokenVerifier(config);
const key = new TextEncoder().encode(DEV_JWT_SECRET);
const inOneHour = () => Math.floor(Date.now() / 1000) + 3600;

describe('HS256 token verification', () => {
  it('returns the caller of a development token', async () => {
    const token = await signDevelopmentToken({ role: 'clinic', org: 'P-1', sub: 'nurse-1' }, DEV_JWT_SECRET);
    await expect(verify(token)).resolves.toEqual({ sub: 'nurse-1', role: 'clinic', org: 'P-1' });
    await expect(verifyToken(token, config)).resolves.toEqual({ sub: 'nurse-1', role: 'clinic', org: 'P-1' });
  });

  it('gives a development token a default subject', async () => {
    const token = await signDevelopmentToken({ role: 'patient', patient: 'M-1' }, DEV_JWT_SECRET);
    await expect(verify(token)).resolves.toEqual({ sub: 'dev-patient-M-1', role: 'patient', patient: 'M-1' });
  });

  it('refuses to sign claims the gateway would refuse', async () => {
    await expect(signDevelopmentToken({ role: 'insurer' }, DEV_JWT_SECRET)).rejects.toThrow(/"org" is required/);
  });

  it('refuses a token signed with another secret', async () => {
    const token = await signDevelopmentToken({ role: 'admin' }, 'another-secret-that-is-also-long-enough');
    await expect(verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses an expired token', async () => {
    const token = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('root')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key);
    await expect(verify(token)).rejects.toThrow('token has expired');
  });

  it('refuses a token without exp', async () => {
    const token = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('root')
      .setIssuedAt()
      .sign(key);
    await expect(verify(token)).rejects.toThrow(/exp/);
  });

  it('refuses an unsigned (alg none) token and another HMAC algorithm', async () => {
    const unsigned = new UnsecuredJWT({ role: 'admin' }).setSubject('root').setExpirationTime(inOneHour()).encode();
    await expect(verify(unsigned)).rejects.toBeInstanceOf(InvalidTokenError);
    const hs512 = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('root')
      .setExpirationTime(inOneHour())
      .sign(new TextEncoder().encode(DEV_JWT_SECRET.repeat(2)));
    await expect(verify(hs512)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses a verified token whose claims are incomplete', async () => {
    const token = await new SignJWT({ role: 'clinic' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setIssuedAt()
      .setExpirationTime(inOneHour())
      .sign(key);
    await expect(verify(token)).rejects.toThrow(/"org" is required/);
  });

  it('refuses garbage', async () => {
    await expect(verify('not.a.jwt')).rejects.toBeInstanceOf(InvalidTokenError);
  });
});

describe('remembered verifications', () => {
  it('refuses a remembered token once it has expired', async () => {
    let nowMs = Date.now();
    const verifyAt = createTokenVerifier(config, { now: () => nowMs });
    const token = await signDevelopmentToken({ role: 'admin' }, DEV_JWT_SECRET, 60);
    await expect(verifyAt(token)).resolves.toEqual({ sub: 'dev-admin', role: 'admin' });
    nowMs += 30_000;
    await expect(verifyAt(token)).resolves.toEqual({ sub: 'dev-admin', role: 'admin' });
    // Past exp and the clock tolerance, a token seen before is refused like any other.
    nowMs += 40_000;
    await expect(verifyAt(token)).rejects.toThrow('token has expired');
  });

  it('still refuses another token after a good one was remembered', async () => {
    const good = await signDevelopmentToken({ role: 'admin' }, DEV_JWT_SECRET);
    const forged = await signDevelopmentToken({ role: 'admin' }, 'another-secret-that-is-also-long-enough');
    await expect(verify(good)).resolves.toMatchObject({ role: 'admin' });
    await expect(verify(forged)).rejects.toBeInstanceOf(InvalidTokenError);
    // The signature's first character carries six bits of it, unlike its last.
    const signatureAt = good.lastIndexOf('.') + 1;
    const swapped = good[signatureAt] === 'A' ? 'B' : 'A';
    const tampered = `${good.slice(0, signatureAt)}${swapped}${good.slice(signatureAt + 1)}`;
    await expect(verify(tampered)).rejects.toBeInstanceOf(InvalidTokenError);
  });
});
