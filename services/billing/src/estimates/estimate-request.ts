import { createEstimatePayload, type CreateEstimatePayload, type Principal } from '#libs/contracts';
import { parseWith, type Checked } from '#libs/rpc';

/**
 * The estimate to create, checked: a clinic estimates only as itself, for a planned date not in
 * the past, and the coverage preview must be about the same member and lines.
 */
export function parseCreateEstimate(
  principal: Principal,
  payload: unknown,
  today: string,
): Checked<CreateEstimatePayload> {
  const parsed = parseWith(createEstimatePayload, payload);
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
