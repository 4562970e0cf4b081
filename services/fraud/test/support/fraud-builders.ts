import type { ClaimSubmitted, MemberSnapshot, Principal } from '#libs/contracts';
import { aSubmittedClaim } from '#libs/testing';

export const admin: Principal = { sub: 'admin-1', role: 'admin' };
export const analystOf = (insurerId: string, sub = 'analyst-1'): Principal => ({
  sub,
  role: 'analyst',
  org: insurerId,
});
export const insurerOf = (insurerId: string): Principal => ({
  sub: `${insurerId}-ops`,
  role: 'insurer',
  org: insurerId,
});

/** A submitted claim as the claims service publishes it: `aClaim('M-1').on('2026-03-02').withLine('99213').build()`. */
export function aClaim(memberId: string) {
  const claim = aSubmittedClaim(memberId, { insurerId: 'INS-A' });
  const builder = {
    on(serviceDate: string) {
      claim.serviceDate = serviceDate;
      return builder;
    },
    by(providerId: string) {
      claim.providerId = providerId;
      return builder;
    },
    forInsurer(insurerId: string | null) {
      claim.insurerId = insurerId;
      return builder;
    },
    submittedAt(instant: string) {
      claim.submittedAt = instant;
      return builder;
    },
    citing(estimateId: string) {
      claim.estimateId = estimateId;
      return builder;
    },
    withLine(code: string, units = 1, charge = 10000) {
      claim.lines.push({ code, units, charge, modifiers: [] });
      return builder;
    },
    build: (): ClaimSubmitted => ({ ...claim, lines: [...claim.lines] }),
  };
  return builder;
}

export function aMemberSnapshot(memberId: string, overrides: Partial<MemberSnapshot> = {}): MemberSnapshot {
  return {
    memberId,
    insurerId: 'INS-A',
    planId: 'PLAN-A',
    coverageStart: '2026-01-01',
    coverageEnd: null,
    status: 'active',
    dateOfDeath: null,
    address: `0x${'1'.repeat(40)}`,
    version: 1,
    ...overrides,
  };
}
