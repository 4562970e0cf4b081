import { accumulatorsPayload, type AccumulatorsPayload, type Principal, type RpcError } from '#libs/contracts';
import { parseWith } from '#libs/rpc';

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
  const parsed = parseWith(accumulatorsPayload, payload);
  if (!parsed.ok) {
    return {
      ok: false,
      error: { code: 'VALIDATION', detail: 'the accumulators request is not valid', errors: parsed.errors },
    };
  }
  if (principal.role === 'patient' && principal.patient !== parsed.value.memberId) {
    return { ok: false, error: { code: 'NOT_FOUND', detail: 'no such member' } };
  }
  return parsed;
}
