import type { Principal, Role, RpcReply } from '#libs/contracts';
import type { FieldError } from './request-parsing.js';
import { fail } from './rpc-replies.js';

/** VALIDATION with the fields named; nothing was stored (API.md: 400). */
export function invalid<T>(detail: string, errors: FieldError[]): RpcReply<T> {
  return fail({ code: 'VALIDATION', detail, errors });
}

/** VALIDATION of one field, the detail saying which: `expiresAt must be in the future`. */
export function invalidField<T>(field: string, message: string): RpcReply<T> {
  return invalid(`${field} ${message}`, [{ field, message }]);
}

/** A role that may never do this (API.md: 403). */
export function forbidden<T>(principal: Principal, what: string): RpcReply<T> {
  return fail({ code: 'FORBIDDEN', detail: `role ${principal.role} may not ${what}` });
}

/** Another's resource or none at all: the same answer, so existence is never revealed (API.md: 404). */
export function notFound<T>(what: string): RpcReply<T> {
  return fail({ code: 'NOT_FOUND', detail: `no such ${what}` });
}

/** The request clashes with what is stored (API.md: 409), with the clashing fields named if any. */
export function conflict<T>(detail: string, errors?: FieldError[]): RpcReply<T> {
  return fail(errors ? { code: 'CONFLICT', detail, errors } : { code: 'CONFLICT', detail });
}

/**
 * An id that is taken, whether by the caller or by another tenant: the same answer either way, so
 * neither whose it is nor any of its details is revealed (API.md: 409). Ids such as member and plan
 * ids are global (they travel alone in events and patient tokens), so the id itself cannot be offered.
 */
export function idNotAvailable<T>(what: string): RpcReply<T> {
  return conflict(`the ${what} id is not available; choose another`, [{ field: 'id', message: 'is not available' }]);
}

/** The insurer the caller acts for: role `insurer` with its `org`; null for anyone else. */
export function insurerOf(principal: Principal): string | null {
  return principal.role === 'insurer' && principal.org ? principal.org : null;
}

/** The clinic the caller acts for: role `clinic` with its `org`; null for anyone else. */
export function clinicOf(principal: Principal): string | null {
  return principal.role === 'clinic' && principal.org ? principal.org : null;
}

/** The member the caller is: role `patient` with its `patient` id; null for anyone else. */
export function patientOf(principal: Principal): string | null {
  return principal.role === 'patient' && principal.patient ? principal.patient : null;
}

/** A rule that admits the callers of some roles: the caller's role if it is one of them; null for any other. */
export function inRole<R extends Role>(...roles: readonly R[]): (principal: Principal) => R | null {
  return (principal) => (roles.includes(principal.role as R) ? (principal.role as R) : null);
}
