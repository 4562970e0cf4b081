import { ConfigError, readInt } from '#libs/config';

/**
 * The development secret used when `AUTH_JWT_SECRET` is not set and `NODE_ENV` is not `production`.
 * It is public (it is in this file and in the README), so a token signed with it proves nothing:
 * production must set `AUTH_JWKS_URL` (or its own `AUTH_JWT_SECRET`) and then this value is refused.
 */
export const DEV_JWT_SECRET = 'healthclaims-development-secret-not-for-production';

/** HS256 keys shorter than the hash output (256 bits) weaken the MAC (RFC 7518 §3.2). */
export const MIN_SECRET_LENGTH = 32;

/** A token may live at most this long (`exp - iat`) unless `AUTH_MAX_TOKEN_LIFETIME_SECONDS` says otherwise. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;
const MAX_TOKEN_LIFETIME_CEILING_SECONDS = 7 * 24 * 3600;

/** Limits every token must respect whoever signed it; absent means the defaults. */
interface TokenLimits {
  /** Longest `exp - iat` accepted, and the oldest `iat`; `DEFAULT_MAX_TOKEN_LIFETIME_SECONDS` when absent. */
  maxTokenLifetimeSeconds?: number;
}

export type AuthConfig =
  | ({ kind: 'shared-secret'; secret: string; isDevelopmentDefault: boolean } & TokenLimits)
  | ({ kind: 'jwks'; jwksUrl: string; issuer?: string; audience?: string } & TokenLimits);

type Env = Record<string, string | undefined>;

/**
 * Reads how tokens are verified: JWKS (`AUTH_JWKS_URL`, RS256/ES256) for production, or a shared
 * HS256 secret (`AUTH_JWT_SECRET`) for development and tests, and the longest lifetime a token may
 * have (`AUTH_MAX_TOKEN_LIFETIME_SECONDS`, default 24 h). A bad value names its variable.
 */
export function readAuthConfig(env: Env = process.env): AuthConfig {
  return { ...readVerification(env), ...readTokenLimits(env) };
}

function readTokenLimits(env: Env): TokenLimits {
  if (nonEmpty(env.AUTH_MAX_TOKEN_LIFETIME_SECONDS) === undefined) return {};
  const maxTokenLifetimeSeconds = readInt(
    env,
    'AUTH_MAX_TOKEN_LIFETIME_SECONDS',
    DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
    60,
    MAX_TOKEN_LIFETIME_CEILING_SECONDS,
  );
  return { maxTokenLifetimeSeconds };
}

function readVerification(env: Env): AuthConfig {
  const jwksUrl = nonEmpty(env.AUTH_JWKS_URL);
  const secret = nonEmpty(env.AUTH_JWT_SECRET);
  if (jwksUrl && secret) {
    throw new ConfigError('AUTH_JWKS_URL', 'and AUTH_JWT_SECRET are both set: set only one way to verify tokens');
  }
  if (jwksUrl) {
    return {
      kind: 'jwks',
      jwksUrl: readJwksUrl(jwksUrl),
      issuer: nonEmpty(env.AUTH_JWT_ISSUER),
      audience: nonEmpty(env.AUTH_JWT_AUDIENCE),
    };
  }
  if (secret) {
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new ConfigError('AUTH_JWT_SECRET', `must be at least ${MIN_SECRET_LENGTH} characters long`);
    }
    if (env.NODE_ENV === 'production' && secret === DEV_JWT_SECRET) {
      throw new ConfigError('AUTH_JWT_SECRET', 'is the public development secret, which production refuses');
    }
    return { kind: 'shared-secret', secret, isDevelopmentDefault: secret === DEV_JWT_SECRET };
  }
  if (env.NODE_ENV === 'production') {
    throw new ConfigError('AUTH_JWKS_URL', 'is required in production (or AUTH_JWT_SECRET), but neither is set');
  }
  return { kind: 'shared-secret', secret: DEV_JWT_SECRET, isDevelopmentDefault: true };
}

function readJwksUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('AUTH_JWKS_URL', `must be a URL, got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError('AUTH_JWKS_URL', `must use https: or http:, got "${url.protocol}"`);
  }
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
