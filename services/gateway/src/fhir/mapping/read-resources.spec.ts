import type { ClaimView, MemberView } from '#libs/contracts';
import { fhirValidationErrors } from '#libs/fhir-testing';
import { claimResponseOf, explanationOfBenefitOf, fhirClaimOf } from './claim-resources.js';
import { coverageOf, patientOf } from './member-resources.js';

const member: MemberView = {
  id: 'M-1',
  insurerId: 'I-1',
  name: 'Eve Betterhalf',
  birthDate: '1955-07-23',
  planId: 'PLAN-1',
  coverageStart: '2026-01-01',
  coverageEnd: null,
  address: '0x0000000000000000000000000000000000000001',
  dateOfDeath: null,
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const paid: ClaimView = {
  id: '7d0f3c1e-2b4a-4c5d-8e6f-9a0b1c2d3e4f',
  status: 'paid',
  memberId: 'M-1',
  providerId: 'P-1',
  serviceDate: '2026-12-01',
  submittedAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:05:00.000Z',
  currency: 'USD',
  lines: [
    {
      code: '85025',
      units: 1,
      charge: 60000,
      status: 'approved',
      allowed: 45000,
      planPays: 0,
      patientPays: 45000,
      costSharing: { deductible: 45000, copay: 0, coinsurance: 0 },
    },
    {
      code: '99213',
      units: 1,
      charge: 15000,
      status: 'approved',
      allowed: 10000,
      planPays: 7500,
      patientPays: 2500,
      costSharing: { deductible: 0, copay: 2500, coinsurance: 0 },
    },
    {
      code: '99205',
      units: 1,
      charge: 20000,
      status: 'denied',
      reason: 'EXCLUDED',
      allowed: 0,
      planPays: 0,
      patientPays: 20000,
    },
  ],
  totals: { charge: 95000, allowed: 55000, planPays: 7500, patientPays: 67500 },
  payout: {
    status: 'confirmed',
    amount: '75000000000000000000',
    token: 'HCET',
    txHash: '0x5f2c4a1e9b7d3c8a6e0f1b2d4c6a8e0f1b3d5c7a9e1f3b5d7c9a1e3f5b7d9c1e',
    blockNumber: 42,
  },
};

describe('members and claims as FHIR resources', () => {
  it('makes a Patient and a Coverage of a member, the Coverage naming the member as subscriberId', async () => {
    expect(patientOf(member)).toMatchObject({ resourceType: 'Patient', id: 'M-1', birthDate: '1955-07-23' });
    expect(coverageOf(member)).toMatchObject({
      subscriberId: 'M-1',
      period: { start: '2026-01-01' },
      status: 'active',
    });
    expect(await fhirValidationErrors(patientOf(member))).toEqual([]);
    expect(
      await fhirValidationErrors(
        coverageOf({ ...member, status: 'cancelled', coverageEnd: '2026-06-30', dateOfDeath: '2026-06-30' }),
      ),
    ).toEqual([]);
  });

  it('explains a paid claim: amounts per line and in total, the payment with its transaction hash', async () => {
    const eob = explanationOfBenefitOf(paid);
    expect(eob.payment).toMatchObject({
      amount: { value: 75, currency: 'USD' },
      identifier: { value: paid.payout?.txHash },
    });
    const copay = eob.item?.[1]?.adjudication?.find((entry) => entry.category.coding?.[0]?.code === 'copay');
    expect(copay?.amount).toEqual({ value: 25, currency: 'USD' });
    expect(eob.item?.[2]?.adjudication?.at(-1)?.reason?.coding?.[0]?.code).toBe('EXCLUDED');
    expect(await fhirValidationErrors(eob)).toEqual([]);
    // Submitted but not yet confirmed: the payment is partial and names no transaction yet.
    const unconfirmed = explanationOfBenefitOf({
      ...paid,
      status: 'approved',
      payout: { ...paid.payout!, status: 'submitted' },
    });
    expect(unconfirmed.payment).toMatchObject({ type: { coding: [{ code: 'partial' }] } });
    expect(unconfirmed.payment?.identifier).toBeUndefined();
  });

  it('answers a claim in review as a queued ClaimResponse, and the claim as submitted', async () => {
    const inReview: ClaimView = { ...paid, status: 'in_review', currency: null, payout: undefined };
    expect(claimResponseOf(inReview)).toMatchObject({ outcome: 'queued' });
    expect(claimResponseOf(paid)).toMatchObject({ outcome: 'complete' });
    for (const resource of [
      claimResponseOf(inReview),
      claimResponseOf(paid),
      fhirClaimOf(inReview),
      fhirClaimOf(paid),
    ]) {
      expect(await fhirValidationErrors(resource)).toEqual([]);
    }
  });
});
