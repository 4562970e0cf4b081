import { z } from 'zod';
import type { AccumulatorsPayload, Principal, RpcError } from '#libs/contracts';

const requestSchema = z.object({
  memberId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'must be a member id'),
  year: z.number().int('must be a whole year').min(1900).max(9999),
});

export type AccumulatorsRequest = { ok: true; value: AccumulatorsPayload } | { ok: false; error: RpcError };

/**
 * Who may read a member's accumulators, and for what. Insurers, clinics and the member themself
 * (API.md: eligibility). The gateway asks only after underwriting has confirmed the caller may see
 * the member; billing has no member read model yet, so it checks the role, and a patient's own id.
 */
export function readAccumulatorsRequest(principal: Principal, payload: unknown): AccumulatorsRequest {
  if (!['insurer', 'clinic', 'patient'].includes(principal.role)) {
    return { ok: false, error: { code: 'FORBIDDEN', detail: `role ${principal.role} may not read accumulators` } };
  }
  const parsed = requestSchema.safeParse(payload ?? {});
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      field: issue.path.join('.') || 'body',
      message: issue.message,
    }));
    return { ok: false, error: { code: 'VALIDATION', detail: 'the accumulators request is not valid', errors } };
  }
  if (principal.role === 'patient' && principal.patient !== parsed.data.memberId) {
    return { ok: false, error: { code: 'NOT_FOUND', detail: 'no such member' } };
  }
  return { ok: true, value: parsed.data };
}
