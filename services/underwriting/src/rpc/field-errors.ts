import type { z } from 'zod';
import type { RpcReply } from '#libs/contracts';
import { fail } from '#libs/rpc';

/** One problem with one field of a request, named the way the gateway names fields: `coveredCodes[1]`. */
export interface FieldError {
  field: string;
  message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** `['applicant', 'birthDate']` → `applicant.birthDate`; `['coveredCodes', 1]` → `coveredCodes[1]`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let field = '';
  for (const key of path) {
    if (typeof key === 'number') field += `[${key}]`;
    else field += field ? `.${String(key)}` : String(key);
  }
  return field || 'body';
}

/** Parses with a zod schema, answering every issue as a named field error. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Checked<z.output<S>> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  // One message per field: the first check it failed says enough.
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
