import { z } from 'zod';
import { isoDate, minorUnits, procedureCode, type CreateEstimatePayload, type Principal } from '#libs/contracts';
import { entityId, parseWith, type Checked } from '../rpc/request-input.js';

const requestSchema = z.object({
  memberId: entityId,
  providerId: entityId,
  plannedDate: isoDate,
  preauthorization: z.boolean().optional(),
  lines: z
    .array(
      z.object({
        code: procedureCode,
        units: z.number().int('must be a whole number of units').positive('must be at least 1').max(9999),
        charge: minorUnits,
        modifiers: z
          .array(z.string().regex(/^[A-Z0-9]{2}$/))
          .max(4)
          .optional(),
      }),
    )
    .min(1)
    .max(50),
});

const coverageSchema = z.object({
  memberId: entityId,
  insurerId: entityId,
  planId: z.string().min(1),
  currency: z.string().regex(/^[A-Z]{3}$/),
  lines: z.array(
    z.object({
      code: z.string(),
      status: z.enum(['covered', 'denied']),
      reason: z.string().nullable(),
      category: z.string().nullable(),
      preauthCode: z.boolean(),
    }),
  ),
});

const payloadSchema = z.object({
  request: requestSchema,
  coverage: coverageSchema,
  submissionKey: z.string().min(1).max(200).optional(),
});

/**
 * The estimate to create, checked: a clinic estimates only as itself, for a planned date not in
 * the past, and the coverage preview must be about the same member and lines.
 */
export function parseCreateEstimate(
  principal: Principal,
  payload: unknown,
  today: string,
): Checked<CreateEstimatePayload> {
  const parsed = parseWith(payloadSchema, payload);
  if (!parsed.ok) return parsed;
  const { request, coverage } = parsed.value;
  if (request.providerId !== principal.org) {
    return { ok: false, errors: [{ field: 'providerId', message: 'must be the calling clinic' }] };
  }
  if (request.plannedDate < today) {
    return { ok: false, errors: [{ field: 'plannedDate', message: 'must be today or later' }] };
  }
  const matches =
    coverage.memberId === request.memberId &&
    coverage.lines.length === request.lines.length &&
    coverage.lines.every((line, index) => line.code === request.lines[index].code);
  if (!matches) return { ok: false, errors: [{ field: 'coverage', message: 'does not match the request' }] };
  return parsed;
}
