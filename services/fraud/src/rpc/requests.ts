import { z } from 'zod';
import { FLAG_DECISIONS, FLAG_STATUSES, isRealDate, type RpcReply } from '#libs/contracts';
import { fail } from '#libs/rpc';

export interface FieldError {
  field: string;
  message: string;
}
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const realDate = z.string().refine(isRealDate, 'must be a real date in YYYY-MM-DD form');
const noteText = z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters');

/** A flag id that cannot name a flag is simply not found (and never reaches a uuid cast). */
export const isFlagId = (id: unknown): id is string => typeof id === 'string' && UUID.test(id);

export const listFlagsRequest = z.object({
  status: z.enum(FLAG_STATUSES).optional(),
  minScore: z.number().int().min(0).max(100).optional(),
  limit: z.number().int().min(1).max(500),
  cursor: z.string().max(512).optional(),
});
export const noteRequest = z.object({ id: z.string(), note: noteText });
export const decisionRequest = z.object({ id: z.string(), decision: z.enum(FLAG_DECISIONS), note: noteText });
export const exclusionRequest = z
  .object({
    providerId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'must be 1 to 64 letters, digits, ".", "_", ":" or "-"'),
    from: realDate,
    to: realDate.nullable().optional(),
    reason: noteText,
  })
  .refine((value) => !value.to || value.to >= value.from, { path: ['to'], message: 'must not be before from' });

/** Parses with a zod schema, answering each field's first problem by name. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Checked<z.output<S>> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors = new Map<string, string>();
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join('.') || 'body';
    if (!errors.has(field)) errors.set(field, issue.message);
  }
  return { ok: false, errors: [...errors].map(([field, message]) => ({ field, message })) };
}

/** VALIDATION with the fields named; nothing was stored. */
export function invalid<T>(errors: FieldError[]): RpcReply<T> {
  return fail({ code: 'VALIDATION', detail: 'the request is not valid', errors });
}
