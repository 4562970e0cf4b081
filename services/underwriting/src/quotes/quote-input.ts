import { z } from 'zod';
import { isoDate, type QuotePayload } from '#libs/contracts';
import { parseWith, type Checked } from '../rpc/field-errors.js';
import { entityId } from '../rpc/shapes.js';
import { ageOn } from './rating-model.js';

const quoteSchema = z.object({
  planId: entityId,
  applicant: z.object({
    birthDate: isoDate,
    smoker: z.boolean(),
    chronicConditions: z.array(z.string().trim().min(1, 'must not be empty').max(100)).max(50),
  }),
});

/** A quote request: an applicant born by `today`, at most 130 years ago. */
export function parseQuoteRequest(payload: unknown, today: string): Checked<QuotePayload> {
  const parsed = parseWith(quoteSchema, payload);
  if (!parsed.ok) return parsed;
  const { birthDate } = parsed.value.applicant;
  if (birthDate > today) {
    return { ok: false, errors: [{ field: 'applicant.birthDate', message: 'must not be in the future' }] };
  }
  if (ageOn(birthDate, today) > 130) {
    return { ok: false, errors: [{ field: 'applicant.birthDate', message: 'must be at most 130 years ago' }] };
  }
  return parsed;
}
