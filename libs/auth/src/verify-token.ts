import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyOptions, type JWTVerifyResult } from 'jose';
import type { Principal } from '#libs/contracts';
import type { AuthConfig } from './auth-config.js';
import { InvalidTokenError, principalFromClaims } from './principal-claims.js';

/** Verifies a bearer token and returns the caller it names, or throws `InvalidTokenError`. */
export type TokenVerifier = (token: string) => Promise<Principal>;

/** Small leeway for clock skew between the token issuer and this host. */
const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * Builds a verifier for `config`. Each mode pins its algorithms, so a token can never choose a
 * weaker one (no `none`, no HS256 against a public key). The JWKS is fetched lazily and cached
 * by jose, with a refetch when a token names an unknown key id (key rotation).
 */
export function createTokenVerifier(
  config: AuthConfig,
  { jwksCooldownMs = 30_000 }: { jwksCooldownMs?: number } = {},
): TokenVerifier {
  const options: JWTVerifyOptions = { requiredClaims: ['exp', 'sub'], clockTolerance: CLOCK_TOLERANCE_SECONDS };
  if (config.kind === 'shared-secret') {
    const key = new TextEncoder().encode(config.secret);
    const hs256 = { ...options, algorithms: ['HS256'] };
    return (token) => principalOf(() => jwtVerify(token, key, hs256));
  }
  // The cooldown bounds how often a token with an unknown key id can make us refetch the JWKS.
  const keySet = createRemoteJWKSet(new URL(config.jwksUrl), { cooldownDuration: jwksCooldownMs });
  const asymmetric: JWTVerifyOptions = {
    ...options,
    algorithms: ['RS256', 'ES256'],
    ...(config.issuer ? { issuer: config.issuer } : {}),
    ...(config.audience ? { audience: config.audience } : {}),
  };
  return (token) => principalOf(() => jwtVerify(token, keySet, asymmetric));
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

async function principalOf(verify: () => Promise<JWTVerifyResult>): Promise<Principal> {
  let payload: Record<string, unknown>;
  try {
    payload = (await verify()).payload;
  } catch (error) {
    throw new InvalidTokenError(describeJoseError(error));
  }
  return principalFromClaims(payload);
}

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'token has expired';
  if (error instanceof errors.JOSEError) return `${error.code}: ${error.message}`;
  // A JWKS endpoint that cannot be reached surfaces here too; the caller still gets a 401.
  return error instanceof Error ? error.message : String(error);
}
