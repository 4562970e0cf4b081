import { quotePayload, type QuotePayload } from '#libs/contracts';
import { parseWith, type Checked } from '#libs/rpc';
import { ageOn } from './rating-model.js';

/** A quote request: an applicant born by `today`, at most 130 years ago. */
export function parseQuoteRequest(payload: unknown, today: string): Checked<QuotePayload> {
  const parsed = parseWith(quotePayload, payload);
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
