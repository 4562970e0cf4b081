import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyOptions, type JWTVerifyResult } from 'jose';
import type { Principal } from '#libs/contracts';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, type AuthConfig } from './auth-config.js';
import { InvalidTokenError, principalFromClaims } from './principal-claims.js';
import { cachingVerifier, VerifiedTokenCache, type VerifiedToken } from './verified-token-cache.js';

/** Verifies a bearer token and returns the caller it names, or throws `InvalidTokenError`. */
export type TokenVerifier = (token: string) => Promise<Principal>;

export interface TokenVerifierOptions {
  /** Least time between two JWKS fetches caused by unknown key ids. */
  jwksCooldownMs?: number;
  /** How many verified tokens are remembered until their `exp` (0: verify every time). */
  cacheSize?: number;
  /** The clock, in ms since the epoch, for `exp`/`nbf` and the cache (tests move it). */
  now?: () => number;
}

/** Small leeway for clock skew between the token issuer and this host. */
const CLOCK_TOLERANCE_SECONDS = 5;
export const DEFAULT_VERIFIED_TOKEN_CACHE_SIZE = 10_000;

/**
 * Builds a verifier for `config`. Each mode pins its algorithms, so a token can never choose a
 * weaker one (no `none`, no HS256 against a public key). The JWKS is fetched lazily and cached
 * by jose, with a refetch when a token names an unknown key id (key rotation). A token that
 * verified is remembered until its `exp` (never longer), so a client's repeated token costs a
 * map lookup; failures are never remembered. A key removed from the JWKS therefore stops
 * new tokens at once, and tokens already seen at their `exp` (at most their lifetime).
 */
export function createTokenVerifier(
  config: AuthConfig,
  { jwksCooldownMs = 30_000, cacheSize = DEFAULT_VERIFIED_TOKEN_CACHE_SIZE, now = Date.now }: TokenVerifierOptions = {},
): TokenVerifier {
  return cachingVerifier(uncachedVerifier(config, jwksCooldownMs, now), new VerifiedTokenCache(cacheSize, now));
}

function uncachedVerifier(
  config: AuthConfig,
  jwksCooldownMs: number,
  now: () => number,
): (token: string) => Promise<VerifiedToken> {
  const maxLifetimeSeconds = config.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  // `maxTokenAge` makes jose require `iat`, refuse one older than the lifetime, and one in the future.
  const options = (): JWTVerifyOptions => ({
    requiredClaims: ['exp', 'iat', 'sub'],
    maxTokenAge: maxLifetimeSeconds,
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    currentDate: new Date(now()),
  });
  const verifiedToken = (verify: () => Promise<JWTVerifyResult>) => verifiedWithin(maxLifetimeSeconds, verify);
  if (config.kind === 'shared-secret') {
    // Imported once: jose would import raw key bytes into WebCrypto on every call.
    const key = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(config.secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    return async (token) =>
      verifiedToken(async () => jwtVerify(token, await key, { ...options(), algorithms: ['HS256'] }));
  }
  // The cooldown bounds how often a token with an unknown key id can make us refetch the JWKS.
  const keySet = createRemoteJWKSet(new URL(config.jwksUrl), { cooldownDuration: jwksCooldownMs });
  const asymmetric = (): JWTVerifyOptions => ({
    ...options(),
    algorithms: ['RS256', 'ES256'],
    ...(config.issuer ? { issuer: config.issuer } : {}),
    ...(config.audience ? { audience: config.audience } : {}),
  });
  return (token) => verifiedToken(() => jwtVerify(token, keySet, asymmetric()));
}

const verifiers = new Map<string, TokenVerifier>();

/** One-shot verification; verifiers (and their JWKS caches) are reused per configuration. */
export function verifyToken(token: string, config: AuthConfig): Promise<Principal> {
  const cacheKey = JSON.stringify(config);
  let verifier = verifiers.get(cacheKey);
  if (!verifier) {
    verifier = createTokenVerifier(config);
    verifiers.set(cacheKey, verifier);
  }
  return verifier(token);
}

async function verifiedWithin(
  maxLifetimeSeconds: number,
  verify: () => Promise<JWTVerifyResult>,
): Promise<VerifiedToken> {
  let payload: Record<string, unknown>;
  try {
    payload = (await verify()).payload;
  } catch (error) {
    throw new InvalidTokenError(describeJoseError(error));
  }
  // `requiredClaims` made jose check that `exp` and `iat` are numbers, `exp` in the future. A token
  // minted for years would otherwise stay good for years if it leaked.
  if (Number(payload.exp) - Number(payload.iat) > maxLifetimeSeconds) {
    throw new InvalidTokenError(`token lifetime (exp - iat) exceeds ${maxLifetimeSeconds} s`);
  }
  return { principal: principalFromClaims(payload), expiresAtMs: Number(payload.exp) * 1000 };
}

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'token has expired';
  if (error instanceof errors.JOSEError) return `${error.code}: ${error.message}`;
  // A JWKS endpoint that cannot be reached surfaces here too; the caller still gets a 401.
  return error instanceof Error ? error.message : String(error);
}
