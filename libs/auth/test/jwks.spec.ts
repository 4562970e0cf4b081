import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import {
  createTokenVerifier,
  InvalidTokenError,
  signDevelopmentToken,
  DEV_JWT_SECRET,
  type TokenVerifier,
} from '#libs/auth';

/** A JWKS endpoint on a loopback port, as an identity provider would publish it. */
async function serveJwks(keys: () => JWK[]): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: keys() }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json` };
}

async function keyPair(alg: 'RS256' | 'ES256', kid: string) {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

function sign(
  privateKey: CryptoKey,
  alg: string,
  kid: string,
  claims: Record<string, unknown>,
  issuer = 'https://id.test',
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg, kid })
    .setSubject('user-1')
    .setIssuer(issuer)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(privateKey);
}

describe('JWKS token verification (production mode)', () => {
  let server: Server;
  let verify: TokenVerifier;
  const published: JWK[] = [];

  beforeAll(async () => {
    const jwks = await serveJwks(() => published);
    server = jwks.server;
    // No cooldown, so that a rotated key is fetched at once (production keeps jose's 30 s).
    verify = createTokenVerifier({ kind: 'jwks', jwksUrl: jwks.url, issuer: 'https://id.test' }, { jwksCooldownMs: 0 });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('accepts RS256 and ES256 tokens signed by a published key', async () => {
    const rsa = await keyPair('RS256', 'rsa-1');
    const ec = await keyPair('ES256', 'ec-1');
    published.push(rsa.jwk, ec.jwk);
    await expect(
      verify(await sign(rsa.privateKey, 'RS256', 'rsa-1', { role: 'insurer', org: 'I-1' })),
    ).resolves.toEqual({
      sub: 'user-1',
      role: 'insurer',
      org: 'I-1',
    });
    await expect(
      verify(await sign(ec.privateKey, 'ES256', 'ec-1', { role: 'patient', patient: 'M-1' })),
    ).resolves.toEqual({
      sub: 'user-1',
      role: 'patient',
      patient: 'M-1',
    });
  });

  it('picks up a rotated key it has not seen before', async () => {
    const rotated = await keyPair('ES256', 'ec-2');
    published.push(rotated.jwk);
    const token = await sign(rotated.privateKey, 'ES256', 'ec-2', { role: 'admin' });
    await expect(verify(token)).resolves.toMatchObject({ role: 'admin' });
  });

  it('refuses a key that is not published, another issuer, and an HS256 development token', async () => {
    const stranger = await keyPair('RS256', 'unknown');
    await expect(verify(await sign(stranger.privateKey, 'RS256', 'unknown', { role: 'admin' }))).rejects.toBeInstanceOf(
      InvalidTokenError,
    );
    const known = await keyPair('RS256', 'rsa-9');
    published.push(known.jwk);
    await expect(verify(await sign(known.privateKey, 'RS256', 'rsa-9', { role: 'admin' }))).resolves.toMatchObject({
      role: 'admin',
    });
    await expect(
      verify(await sign(known.privateKey, 'RS256', 'rsa-9', { role: 'admin' }, 'https://evil.test')),
    ).rejects.toThrow(/iss/);
    await expect(verify(await signDevelopmentToken({ role: 'admin' }, DEV_JWT_SECRET))).rejects.toBeInstanceOf(
      InvalidTokenError,
    );
  });
});
