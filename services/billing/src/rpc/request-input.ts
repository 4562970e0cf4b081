import { z } from 'zod';
import type { Principal, RpcReply } from '#libs/contracts';
import { fail } from '#libs/rpc';

/** One problem with one field of a request, named the way the gateway names fields: `lines[1].code`. */
export interface FieldError {
  field: string;
  message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Ids of members, providers and insurers (API.md): letters, digits and `._:-`. */
export const entityId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'must be an id of letters, digits and ._:-');

export function fieldPath(path: readonly PropertyKey[]): string {
  let field = '';
  for (const key of path) {
    if (typeof key === 'number') field += `[${key}]`;
    else field += field ? `.${String(key)}` : String(key);
  }
  return field || 'body';
}

/** Parses with a zod schema, answering every issue as a named field error (the first per field). */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Checked<z.output<S>> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors = new Map<string, string>();
  for (const issue of parsed.error.issues) {
    const field = fieldPath(issue.path);
    if (!errors.has(field)) errors.set(field, issue.message);
  }
  return { ok: false, errors: [...errors].map(([field, message]) => ({ field, message })) };
}

/** VALIDATION with the fields named; nothing was stored. */
export function invalid<T>(detail: string, errors: FieldError[]): RpcReply<T> {
  return fail({ code: 'VALIDATION', detail, errors });
}

export function forbidden<T>(principal: Principal, what: string): RpcReply<T> {
  return fail({ code: 'FORBIDDEN', detail: `role ${principal.role} may not ${what}` });
}

/** The organisation of an insurer caller; the gateway's role guard makes it present. */
export function insurerOf(principal: Principal): string | null {
  return principal.role === 'insurer' && principal.org ? principal.org : null;
}
