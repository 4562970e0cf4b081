import { api, data } from '../api/client';
import type { components } from '../api/generated/schema';
import { ApiProblem } from '../api/problem';
import { useAsync } from './use-async';

type Claim = components['schemas']['ClaimResponse'];

/** A claim and its history, read again every `pollMs` (a claim goes from received to paid in seconds). */
export function useClaim(id: string, pollMs: number) {
  const claim = useAsync(() => data(api.GET('/v1/claims/{id}', { params: { path: { id } } })), id, pollMs);
  const timeline = useAsync(() => data(api.GET('/v1/claims/{id}/timeline', { params: { path: { id } } })), id, pollMs);
  // The API answers 404 for a claim that is not the caller's as for one that does not exist.
  const notFound = claim.error instanceof ApiProblem && claim.error.status === 404;
  return { claim, timeline, notFound };
}

/** The claim's amounts are final once the plan has decided it; before that they are all zero. */
export function amountsKnown(claim: Claim): boolean {
  return ['approved', 'paid', 'payment_failed', 'closed', 'denied'].includes(claim.status);
}
