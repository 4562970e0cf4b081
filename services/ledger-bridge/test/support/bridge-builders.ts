import { createHash, randomUUID } from 'node:crypto';
import type { ClaimSubmitted, MemberSnapshot, PayoutRequested } from '#libs/contracts';

export const sha256Of = (content: string) => createHash('sha256').update(content).digest('hex');

let counter = 0;
export const uniqueId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

export function aMemberSnapshot(memberId: string, insurerId: string, address: string): MemberSnapshot {
  return {
    memberId,
    insurerId,
    planId: 'PLAN-1',
    coverageStart: '2026-01-01',
    coverageEnd: null,
    status: 'active',
    dateOfDeath: null,
    address,
    version: 1,
  };
}

/** A submitted claim as the claims service publishes it; `submittedAt` defaults to now. */
export function aSubmittedClaim(
  memberId: string,
  providerId: string,
  insurerId: string | null,
  overrides: Partial<ClaimSubmitted> = {},
): ClaimSubmitted {
  return {
    claimId: randomUUID(),
    memberId,
    providerId,
    insurerId,
    serviceDate: '2026-11-30',
    diagnosisCodes: ['J20.9'],
    lines: [{ code: '99213', units: 1, charge: 15000, modifiers: [] }],
    records: [],
    estimateId: null,
    submittedAt: new Date().toISOString(),
    ...overrides,
  };
}

export function aPayoutRequest(
  insurerId: string,
  payee: string,
  tokenAmount: bigint,
  claimId = randomUUID(),
): PayoutRequested {
  return {
    payoutId: `PO-${claimId}`,
    claimId,
    insurerId,
    providerId: 'P-1',
    payee,
    currency: 'USD',
    amount: Number(tokenAmount / 10n ** 16n),
    tokenAmount: tokenAmount.toString(),
    token: 'HCET',
  };
}
