import type { ClaimPriced, PayoutRequested, Principal, SubmitClaimPayload } from '#libs/contracts';

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

/** Billing's pricing of `aClaim()`'s two lines, the plan paying `planPays` of each. */
export function aPricing(claimId: string, planPays: [number, number]): ClaimPriced {
  const line = (index: number, code: string, charge: number, pays: number) => ({
    index,
    code,
    units: 1,
    charge,
    status: 'approved' as const,
    reason: null,
    allowed: charge - 500,
    deductible: 0,
    copay: 0,
    coinsurance: charge - 500 - pays,
    planPays: pays,
    patientPays: charge - 500 - pays,
    balanceBill: 0,
    providerWriteOff: 500,
  });
  const lines = [line(0, '99213', 15000, planPays[0]), line(1, '87880', 4500, planPays[1])];
  const sum = (pick: (l: (typeof lines)[number]) => number) => lines.reduce((total, l) => total + pick(l), 0);
  return {
    claimId,
    memberId: 'M-1',
    providerId: 'P-1',
    insurerId: 'INS-1',
    currency: 'USD',
    network: 'in',
    lines,
    totals: {
      charge: sum((l) => l.charge),
      allowed: sum((l) => l.allowed),
      planPays: sum((l) => l.planPays),
      patientPays: sum((l) => l.patientPays),
    },
  };
}

/** Billing's payout request for a claim of `aClaim()`, `amount` in cents, to clinic P-1's address. */
export function aPayoutRequest(claimId: string, amount: number): PayoutRequested {
  return {
    payoutId: `PO-${claimId}`,
    claimId,
    insurerId: 'INS-1',
    providerId: 'P-1',
    payee: '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
    currency: 'USD',
    amount,
    tokenAmount: `${amount}${'0'.repeat(16)}`,
    token: 'HCET',
  };
}
