import { randomUUID } from 'node:crypto';
import type { ClaimDecided, MemberSnapshot, PlanRegistered, Principal } from '#libs/contracts';
import { aPlanRequest } from '#libs/testing';

/** Callers and events for billing's integration specs. */
export const admin: Principal = { sub: 'ops', role: 'admin' };
export const insurerA: Principal = { sub: 'a-user', role: 'insurer', org: 'INS-A' };
export const anAddress = (digit = 'a') => `0x${digit.repeat(40)}`;

/** A plan as underwriting announces it: deductible 500.00, 20 % coinsurance, a 25.00 office-visit copay. */
export function aPlan(overrides: Partial<PlanRegistered['benefits']> = {}): PlanRegistered {
  const { id, name, coveredCategories, coveredCodes, excludedCodes, preauthCodes, waitingPeriodDays, ...benefits } =
    aPlanRequest({
      name: 'Silver',
      oopMax: 300_000,
      coveredCategories: ['office_visit', 'lab', 'imaging'],
      coveredCodes: [],
      excludedCodes: [],
      preauthCodes: [],
      ...overrides,
    });
  return {
    planId: id,
    insurerId: 'INS-A',
    name,
    benefits,
    coveredCategories,
    coveredCodes,
    excludedCodes,
    preauthCodes,
    waitingPeriodDays,
  };
}

export function aMember(planId: string): MemberSnapshot {
  return {
    memberId: `M-${randomUUID().slice(0, 8)}`,
    insurerId: 'INS-A',
    planId,
    coverageStart: '2026-01-01',
    coverageEnd: null,
    status: 'active',
    dateOfDeath: null,
    address: anAddress('b'),
    version: 1,
  };
}

type DecidedLine = ClaimDecided['lines'][number];

/** `anApprovedClaim(member, plan).withLine('80053', 'lab', 1, 20_000).build()` as the saga decides it. */
export function anApprovedClaim(member: MemberSnapshot, providerId = 'P-1') {
  const claim: ClaimDecided = {
    claimId: randomUUID(),
    memberId: member.memberId,
    providerId,
    insurerId: member.insurerId,
    serviceDate: '2026-03-02',
    status: 'approved',
    reason: null,
    planId: member.planId,
    currency: 'USD',
    estimateId: null,
    lines: [],
  };
  const builder = {
    withLine(code: string, category: string | null, units: number, charge: number) {
      const line: DecidedLine = {
        index: claim.lines.length,
        code,
        units,
        charge,
        category,
        status: 'approved',
        reason: null,
      };
      claim.lines.push(line);
      return builder;
    },
    withDeniedLine(code: string, reason: string, charge: number) {
      claim.lines.push({ index: claim.lines.length, code, units: 1, charge, category: null, status: 'denied', reason });
      return builder;
    },
    build: (): ClaimDecided => ({ ...claim, claimId: randomUUID(), lines: [...claim.lines] }),
  };
  return builder;
}
