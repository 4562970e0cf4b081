import type { Principal, RpcReply } from '#libs/contracts';
import { fail } from '#libs/rpc';

/** The insurer the caller acts for: role `insurer` with its `org`; null for anyone else. */
export function callingInsurer(principal: Principal): string | null {
  return principal.role === 'insurer' && principal.org ? principal.org : null;
}

/** A role that may never do this (API.md: 403). */
export function forbidden<T>(principal: Principal, what: string): RpcReply<T> {
  return fail({ code: 'FORBIDDEN', detail: `role ${principal.role} may not ${what}` });
}

/** Another's resource or none at all: the same answer, so existence is never revealed (API.md: 404). */
export function notFound<T>(what: string): RpcReply<T> {
  return fail({ code: 'NOT_FOUND', detail: `no such ${what}` });
}

export function conflict<T>(detail: string, field: string, message: string): RpcReply<T> {
  return fail({ code: 'CONFLICT', detail, errors: [{ field, message }] });
}
