import type { Principal } from '#libs/contracts';

/** The insurer whose queue an analyst works: role `analyst` with its `org`; null for anyone else. */
export function callingAnalystInsurer(principal: Principal): string | null {
  return principal.role === 'analyst' && principal.org ? principal.org : null;
}

/**
 * Who may exclude a provider, and for whom: an admin for every insurer (null), an insurer for its
 * own claims; undefined for anyone else.
 */
export function exclusionScope(principal: Principal): string | null | undefined {
  if (principal.role === 'admin') return null;
  if (principal.role === 'insurer' && principal.org) return principal.org;
  return undefined;
}
