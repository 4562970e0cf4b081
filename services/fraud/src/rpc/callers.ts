import type { Principal } from '#libs/contracts';

/** The insurer whose queue an analyst works: role `analyst` with its `org`; null for anyone else. */
export function callingAnalystInsurer(principal: Principal): string | null {
  return principal.role === 'analyst' && principal.org ? principal.org : null;
}

/** Whose claims an exclusion applies to: one insurer's, or (`insurerId` null) every insurer's. */
export interface ExclusionScope {
  insurerId: string | null;
}

/**
 * Who may exclude a provider, and for whom: an admin for every insurer, an insurer for its own
 * claims; null for anyone else.
 */
export function exclusionScope(principal: Principal): ExclusionScope | null {
  if (principal.role === 'admin') return { insurerId: null };
  if (principal.role === 'insurer' && principal.org) return { insurerId: principal.org };
  return null;
}
