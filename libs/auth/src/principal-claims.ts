import { ROLES, type Principal, type Role } from '#libs/contracts';

/** Why a token was refused; the gateway answers 401 for every reason, logs the reason. */
export class InvalidTokenError extends Error {
  constructor(readonly reason: string) {
    super(`invalid token: ${reason}`);
    this.name = 'InvalidTokenError';
  }
}

/** Roles whose `org` claim is required: the insurer id (insurer, analyst) or the provider id (clinic). */
const ROLES_WITH_ORG: readonly Role[] = ['insurer', 'analyst', 'clinic'];

/**
 * Turns the verified claims of a token into the caller (API.md, Conventions): `sub`, a known `role`,
 * `org` for insurer/analyst/clinic and `patient` for patient. Anything else is refused rather than
 * defaulted, so a token can never widen what its holder sees.
 */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const { sub, role, org, patient } = claims;
  if (!isNonEmptyString(sub)) throw new InvalidTokenError('claim "sub" must be a non-empty string');
  if (!isRole(role)) throw new InvalidTokenError(`claim "role" must be one of ${ROLES.join(', ')}`);
  if (org !== undefined && !isNonEmptyString(org))
    throw new InvalidTokenError('claim "org" must be a non-empty string');
  if (patient !== undefined && !isNonEmptyString(patient)) {
    throw new InvalidTokenError('claim "patient" must be a non-empty string');
  }
  if (ROLES_WITH_ORG.includes(role) && org === undefined) {
    throw new InvalidTokenError(`claim "org" is required for role ${role}`);
  }
  if (role === 'patient' && patient === undefined)
    throw new InvalidTokenError('claim "patient" is required for role patient');
  const principal: Principal = { sub, role };
  if (org !== undefined) principal.org = org;
  if (patient !== undefined) principal.patient = patient;
  return principal;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
