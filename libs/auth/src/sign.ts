import { SignJWT } from 'jose';
import type { Role } from '#libs/contracts';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS } from './auth-config.js';
import { principalFromClaims } from './principal-claims.js';

export interface DevelopmentTokenClaims {
  sub?: string;
  role: Role;
  org?: string;
  patient?: string;
}

/** One hour: long enough for a manual session, short enough that a leaked token ages out. */
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

/**
 * Signs an HS256 token for development and tests (`npm run token`). The claims are checked with the
 * same rules the gateway applies, so a token that would be refused is never printed.
 */
export async function signDevelopmentToken(
  claims: DevelopmentTokenClaims,
  secret: string,
  ttlSeconds: number = DEFAULT_TOKEN_TTL_SECONDS,
): Promise<string> {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new Error('ttlSeconds must be a positive integer');
  if (ttlSeconds > DEFAULT_MAX_TOKEN_LIFETIME_SECONDS) {
    throw new Error(
      `ttlSeconds must be at most ${DEFAULT_MAX_TOKEN_LIFETIME_SECONDS}, the longest lifetime the gateway accepts`,
    );
  }
  const sub = claims.sub ?? defaultSubject(claims);
  const principal = principalFromClaims({ ...claims, sub });
  const issuedAt = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...principal })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}

function defaultSubject({ role, org, patient }: DevelopmentTokenClaims): string {
  return ['dev', role, org ?? patient].filter(Boolean).join('-');
}
