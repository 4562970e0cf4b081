import { randomUUID } from 'node:crypto';
import type { ClaimSubmitted } from '#libs/contracts';

/**
 * `claims.claim.submitted.v1` as the claims service publishes it at intake, for the services that consume it:
 * a fresh claim id, provider P-1, service date 2026-03-02, one diagnosis, no lines or records yet, the
 * insurer not known (null) unless overridden.
 */
export function aSubmittedClaim(memberId: string, overrides: Partial<ClaimSubmitted> = {}): ClaimSubmitted {
  return {
    claimId: randomUUID(),
    memberId,
    providerId: 'P-1',
    insurerId: null,
    serviceDate: '2026-03-02',
    diagnosisCodes: ['J06.9'],
    lines: [],
    records: [],
    estimateId: null,
    submittedAt: new Date().toISOString(),
    ...overrides,
  };
}
