import type { Principal, SubmitClaimPayload } from '#libs/contracts';

/** Callers and claims for the integration specs. */
export const clinicP1: Principal = { sub: 'clinic-user', role: 'clinic', org: 'P-1' };
export const clinicP2: Principal = { sub: 'other-clinic-user', role: 'clinic', org: 'P-2' };
export const insurerI1: Principal = { sub: 'insurer-user', role: 'insurer', org: 'INS-1' };
export const patientM1: Principal = { sub: 'patient-user', role: 'patient', patient: 'M-1' };

export function aClaim(overrides: Partial<SubmitClaimPayload> = {}): SubmitClaimPayload {
  return {
    memberId: 'M-1',
    providerId: 'P-1',
    serviceDate: '2026-11-02',
    diagnosisCodes: ['J06.9'],
    lines: [
      { code: '99213', units: 1, charge: 15000 },
      { code: '87880', units: 1, charge: 4500, modifiers: ['59'] },
    ],
    records: [{ recordId: 'REC-1', sha256: 'a'.repeat(64) }],
    ...overrides,
  };
}
