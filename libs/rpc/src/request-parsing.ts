import type { z } from 'zod';

/**
 * One problem with one field of a request, named the way the gateway names fields: `lines[1].code`,
 * `applicant.birthDate`, and `body` for the request as a whole.
 */
export interface FieldError {
  field: string;
  message: string;
}

/** A request read and checked: its value, or every field that is wrong with it. */
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** `['applicant', 'birthDate']` → `applicant.birthDate`; `['lines', 0, 'code']` → `lines[0].code`; `[]` → `body`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let field = '';
  for (const key of path) {
    if (typeof key === 'number') field += `[${key}]`;
    else field += field ? `.${String(key)}` : String(key);
  }
  return field || 'body';
}

/** The issues zod raises for a value of the wrong type or outside a set: for an absent field, "is required". */
const ABSENCE_CODES: ReadonlySet<string> = new Set(['invalid_type', 'invalid_value', 'invalid_union']);

/**
 * Parses a request payload with its contract's schema, answering each wrong field by name with the first
 * check it failed (one message per field says enough). An absent payload reads as an empty object, so a
 * request without one names its missing fields rather than "body".
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Checked<z.output<S>> {
  const parsed = schema.safeParse(input ?? {}, { reportInput: true });
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors = new Map<string, string>();
  for (const issue of parsed.error.issues) {
    const field = fieldPath(issue.path);
    if (!errors.has(field)) errors.set(field, messageOf(issue));
  }
  return { ok: false, errors: [...errors].map(([field, message]) => ({ field, message })) };
}

/** A missing field is not a badly formed one: say that it is required, not what format it lacks. */
function messageOf(issue: z.core.$ZodIssue): string {
  const absent = 'input' in issue && issue.input === undefined && ABSENCE_CODES.has(issue.code);
  return absent ? 'is required' : issue.message;
}
