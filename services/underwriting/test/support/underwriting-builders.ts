import { randomUUID } from 'node:crypto';
import type { ClaimSubmitted, CreateMemberPayload, CreatePlanPayload, Principal } from '#libs/contracts';
import { aPlanRequest, aSubmittedClaim } from '#libs/testing';

/** Callers and set-up payloads for the integration specs. */
export const admin: Principal = { sub: 'ops', role: 'admin' };
export const insurerA: Principal = { sub: 'a-user', role: 'insurer', org: 'INS-A' };
export const insurerB: Principal = { sub: 'b-user', role: 'insurer', org: 'INS-B' };
export const clinic: Principal = { sub: 'clinic-user', role: 'clinic', org: 'P-1' };
export const analyst: Principal = { sub: 'analyst-user', role: 'analyst', org: 'INS-A' };
export const patient = (memberId: string): Principal => ({
  sub: `patient-${memberId}`,
  role: 'patient',
  patient: memberId,
});

export const anAddress = (digit = 'a') => `0x${digit.repeat(40)}`;

export function anInsurer(id: string) {
  return { id, name: `Insurer ${id}`, address: anAddress('1') };
}

/** A Silver plan (out-of-pocket maximum 3,000.00) covering every category, 90834 by code, 70551 excluded. */
export function aPlan(overrides: Partial<CreatePlanPayload> = {}): CreatePlanPayload {
  return aPlanRequest({
    name: 'Silver',
    oopMax: 300_000,
    coveredCategories: ['office_visit', 'lab', 'diagnostic', 'therapy', 'imaging', 'procedure'],
    coveredCodes: ['90834'],
    excludedCodes: ['70551'],
    preauthCodes: ['73721'],
    ...overrides,
  });
}

export function aMember(planId: string, overrides: Partial<CreateMemberPayload> = {}): CreateMemberPayload {
  return {
    id: `M-${randomUUID().slice(0, 8)}`,
    name: 'Ada Lovelace',
    birthDate: '1985-12-10',
    planId,
    coverageStart: '2026-01-01',
    coverageEnd: null,
    address: anAddress('b'),
    ...overrides,
  };
}

type Line = ClaimSubmitted['lines'][number];

/** `aClaim(member).on('2026-03-02').withLine('99213')...` as claims publishes it at intake. */
export function aClaim(memberId: string) {
  const claim = aSubmittedClaim(memberId);
  const builder = {
    on(serviceDate: string) {
      claim.serviceDate = serviceDate;
      return builder;
    },
    from(providerId: string) {
      claim.providerId = providerId;
      return builder;
    },
    withLine(code: string, units = 1, modifiers: string[] = []) {
      const line: Line = { code, units, charge: 10_000 * units, modifiers };
      claim.lines.push(line);
      return builder;
    },
    build: (): ClaimSubmitted => ({ ...claim, lines: [...claim.lines] }),
  };
  return builder;
}
