import type { Principal, RpcReply } from '#libs/contracts';
import { fail } from '#libs/rpc';

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

export function forbidden<T>(principal: Principal, what: string): RpcReply<T> {
  return fail({ code: 'FORBIDDEN', detail: `role ${principal.role} may not ${what}` });
}

/** Another insurer's flag or none at all: the same answer, so existence is never revealed (API.md: 404). */
export function notFound<T>(what: string): RpcReply<T> {
  return fail({ code: 'NOT_FOUND', detail: `no such ${what}` });
}

export function conflict<T>(detail: string): RpcReply<T> {
  return fail({ code: 'CONFLICT', detail });
}
