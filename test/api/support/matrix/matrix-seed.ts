import { DEMO_FEES } from '../../../../scripts/stack/demo-seed.js';
import { aClaim } from '../http.js';
import { addressOf, aMember, aPlan, SetUpClient } from '../set-up-builders.js';

/** What the matrix's cells point at: INS-1's claim and estimate (the demo seed holds the rest). */
export interface MatrixResources {
  claimId: string;
  estimateId: string;
  /** The demo's member and plan of INS-1. */
  memberId: string;
  planId: string;
}

export const FEE_SCHEDULE = { entries: Object.entries(DEMO_FEES).map(([code, amount]) => ({ code, amount })) };

/**
 * On top of `npm start`'s demo (INS-1, PLAN-1, P-1 and P-2 in its network, M-1, M-2): a second insurer
 * INS-2 with its plan PLAN-9, clinic P-9 in its network and member M-9; then a claim and an estimate
 * of INS-1's member M-1 at clinic P-1.
 */
export async function seedMatrix(
  gatewayUrl: string,
  tokens: { admin: string; otherInsurer: string; clinic: string },
): Promise<MatrixResources> {
  const admin = new SetUpClient(gatewayUrl, tokens.admin);
  const other = new SetUpClient(gatewayUrl, tokens.otherInsurer);
  const clinic = new SetUpClient(gatewayUrl, tokens.clinic);
  await admin.expect(201, 'POST', '/v1/insurers', { id: 'INS-2', name: 'Other Health', address: addressOf(9001) });
  await admin.expect(201, 'POST', '/v1/providers', { id: 'P-9', name: 'Other Clinic', address: addressOf(9002) });
  await other.expect(201, 'POST', '/v1/plans', aPlan('PLAN-9'));
  await other.expect(200, 'PUT', '/v1/network/P-9', { status: 'in' });
  await other.expect(200, 'PUT', '/v1/fee-schedule', FEE_SCHEDULE);
  await other.expect(201, 'POST', '/v1/members', aMember('M-9', 'PLAN-9', { address: addressOf(9003) }));
  const claim = await clinic.expect(202, 'POST', '/v1/claims', aClaim({ memberId: 'M-1', providerId: 'P-1' }));
  const estimate = await clinic.expect(201, 'POST', '/v1/estimates', anEstimate());
  return { claimId: String(claim.id), estimateId: String(estimate.id), memberId: 'M-1', planId: 'PLAN-1' };
}

export function anEstimate(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const plannedDate = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  return {
    memberId: 'M-1',
    providerId: 'P-1',
    plannedDate,
    lines: [{ code: '99213', units: 1, charge: 15000 }],
    ...overrides,
  };
}
