import type { Principal } from '#libs/contracts';

/** The parties a claim (or an estimate) belongs to. `insurerId` is null while the insurer is unknown. */
export interface ClaimParties {
  memberId: string;
  providerId: string;
  insurerId: string | null;
}

/**
 * Whether `principal` may see a claim (API.md, Claims): the insurer and its analysts see their
 * members' claims, a clinic its own submissions, a patient their own claims. Admins operate the
 * platform and see no claims. A caller who does not own it gets 404, never a hint that it exists.
 */
export function ownsClaim(principal: Principal, parties: ClaimParties): boolean {
  switch (principal.role) {
    case 'insurer':
    case 'analyst':
      return parties.insurerId !== null && parties.insurerId === principal.org;
    case 'clinic':
      return parties.providerId === principal.org;
    case 'patient':
      return parties.memberId === principal.patient;
    case 'admin':
      return false;
  }
}

/**
 * The filter that limits a list to the caller's own claims, to be combined (AND) with the query's
 * filters; `null` when the caller may list none.
 */
export type ClaimScope = { insurerId: string } | { providerId: string } | { memberId: string };

export function claimScope(principal: Principal): ClaimScope | null {
  switch (principal.role) {
    case 'insurer':
    case 'analyst':
      return principal.org ? { insurerId: principal.org } : null;
    case 'clinic':
      return principal.org ? { providerId: principal.org } : null;
    case 'patient':
      return principal.patient ? { memberId: principal.patient } : null;
    case 'admin':
      return null;
  }
}

/** A clinic submits only as itself; an insurer only for its own members (checked by the owner of the member). */
export function maySubmitFor(principal: Principal, providerId: string): boolean {
  if (principal.role === 'clinic') return principal.org === providerId;
  return principal.role === 'insurer';
}
