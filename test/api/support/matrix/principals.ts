import { SignJWT } from 'jose';
import { DEV_JWT_SECRET, signDevelopmentToken, type DevelopmentTokenClaims } from '#libs/auth';

/**
 * The callers of the matrix, around the resources of insurer INS-1 (its plan PLAN-1, member M-1, clinic
 * P-1 in its network, and what they created) and of a second insurer INS-2 (PLAN-9, M-9, P-9).
 */
export const PRINCIPALS = {
  admin: { role: 'admin' },
  insurer: { role: 'insurer', org: 'INS-1' },
  otherInsurer: { role: 'insurer', org: 'INS-2' },
  clinic: { role: 'clinic', org: 'P-1' },
  otherClinic: { role: 'clinic', org: 'P-9' },
  analyst: { role: 'analyst', org: 'INS-1', sub: 'analyst-1' },
  otherAnalyst: { role: 'analyst', org: 'INS-2', sub: 'analyst-9' },
  patient: { role: 'patient', patient: 'M-1' },
  otherPatient: { role: 'patient', patient: 'M-9' },
  noToken: undefined,
  expiredToken: { role: 'insurer', org: 'INS-1' },
} as const satisfies Record<string, DevelopmentTokenClaims | undefined>;

export type Principal = keyof typeof PRINCIPALS;

/** A bearer token per principal: none for `noToken`, one that expired a minute ago for `expiredToken`. */
export async function tokensOf(): Promise<Record<Principal, string | undefined>> {
  const tokens = {} as Record<Principal, string | undefined>;
  for (const [name, claims] of Object.entries(PRINCIPALS) as [Principal, DevelopmentTokenClaims | undefined][]) {
    if (!claims) tokens[name] = undefined;
    else if (name === 'expiredToken') tokens[name] = await expired(claims);
    else tokens[name] = await signDevelopmentToken(claims, DEV_JWT_SECRET, 3600);
  }
  return tokens;
}

async function expired(claims: DevelopmentTokenClaims): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: claims.role, org: claims.org })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('dev-insurer-INS-1')
    .setIssuedAt(now - 3600)
    .setExpirationTime(now - 60)
    .sign(new TextEncoder().encode(DEV_JWT_SECRET));
}
