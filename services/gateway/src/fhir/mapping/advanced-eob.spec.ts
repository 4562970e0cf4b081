import type { EstimateView } from '#libs/contracts';
import { fhirValidationErrorsDeep } from '#libs/fhir-testing';
import { advancedEob, aeobBundle } from './advanced-eob.js';
import { capabilityStatement } from './capability-statement.js';
import { operationOutcome } from './operation-outcome.js';

const anEstimate = (overrides: Partial<EstimateView> = {}): EstimateView => ({
  id: '0b7e7b0e-8f5c-4d6e-9a43-7d1c2b9e4f10',
  memberId: 'PFP123450000',
  providerId: 'P-RAD',
  plannedDate: '2027-10-31',
  currency: 'USD',
  validUntil: '2027-01-05',
  network: 'in',
  lines: [
    {
      code: '70551',
      units: 1,
      charge: 20000,
      status: 'covered',
      allowed: 18550,
      deductible: 10000,
      copay: 0,
      coinsurance: 1710,
      planPays: 6840,
      patientPays: 11710,
      balanceBill: 0,
      providerWriteOff: 1450,
    },
    {
      code: '99205',
      units: 1,
      charge: 12345,
      status: 'denied',
      reason: 'EXCLUDED',
      allowed: 0,
      deductible: 0,
      copay: 0,
      coinsurance: 0,
      planPays: 0,
      patientPays: 12345,
      balanceBill: 0,
      providerWriteOff: 0,
    },
  ],
  totals: { charge: 32345, allowed: 18550, planPays: 6840, patientPays: 24055 },
  accumulators: { year: 2027, deductibleRemaining: 40000, oopRemaining: 288290 },
  createdAt: '2026-12-06T10:00:00.000Z',
  ...overrides,
});

const amountOf = (
  adjudication: { category: { coding?: { code?: string }[] }; amount?: { value?: number } }[],
  code: string,
) => adjudication.find((entry) => entry.category.coding?.[0]?.code === code)?.amount?.value;

describe('the Advanced EOB of an estimate', () => {
  const eob = advancedEob({
    estimate: anEstimate(),
    insurerId: 'I-UMB',
    gfeReference: 'http://example.org/fhir/Claim/PCT-GFE-Professional-MRI',
    claimType: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] },
    notes: ['Claim.item[0].modifier[0] (70551) is not a two-character CPT modifier and was not used'],
  });

  it('is a predetermination answering the GFE, for the member’s coverage', () => {
    expect(eob).toMatchObject({
      resourceType: 'ExplanationOfBenefit',
      use: 'predetermination',
      outcome: 'complete',
      claim: { reference: 'http://example.org/fhir/Claim/PCT-GFE-Professional-MRI' },
      patient: { reference: 'Patient/PFP123450000' },
      insurance: [{ focal: true, coverage: { reference: 'Coverage/PFP123450000' } }],
      processNote: [expect.objectContaining({ text: expect.stringContaining('modifier') })],
    });
  });

  it('carries each line’s estimate amounts as adjudications, in dollars and cents exactly', () => {
    const [mri, excluded] = eob.item ?? [];
    expect(mri.net).toEqual({ value: 200, currency: 'USD' });
    const adjudication = mri.adjudication ?? [];
    expect(
      ['submitted', 'eligible', 'deductible', 'copay', 'coinsurance', 'benefit', 'memberliability'].map((code) =>
        amountOf(adjudication, code),
      ),
    ).toEqual([200, 185.5, 100, 0, 17.1, 68.4, 117.1]);
    expect(amountOf(excluded.adjudication ?? [], 'memberliability')).toBe(123.45);
    expect(excluded.adjudication?.at(-1)?.reason?.coding?.[0]?.code).toBe('EXCLUDED');
  });

  it('totals every category over the lines', () => {
    const totals = Object.fromEntries(
      (eob.total ?? []).map((total) => [total.category.coding?.[0]?.code, total.amount.value]),
    );
    expect(totals).toEqual({
      submitted: 323.45,
      eligible: 185.5,
      deductible: 100,
      copay: 0,
      coinsurance: 17.1,
      benefit: 68.4,
      memberliability: 240.55,
    });
  });

  it('validates against the FHIR R4 base definitions, alone and in its Bundle', async () => {
    expect(await fhirValidationErrorsDeep(aeobBundle(eob, '2026-12-06T10:00:00.000Z'))).toEqual([]);
  });
});

describe('the other resources the facade answers with', () => {
  it('validate against the FHIR R4 base definitions', async () => {
    expect(await fhirValidationErrorsDeep(capabilityStatement('2026-12-06T10:00:00.000Z'))).toEqual([]);
    expect(
      await fhirValidationErrorsDeep(operationOutcome([{ expression: 'Claim.item', message: 'must not be empty' }])),
    ).toEqual([]);
  });
});
