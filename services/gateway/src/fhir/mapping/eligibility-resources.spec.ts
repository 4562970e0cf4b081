import type { EligibilityView } from '#libs/contracts';
import { fhirValidationErrors } from '#libs/fhir-testing';
import { eligibilityResponseOf, readEligibilityRequest } from './eligibility-resources.js';
import { isRefusal } from './operation-outcome.js';

const view: EligibilityView = {
  memberId: 'M-1',
  insurerId: 'I-1',
  date: '2026-03-14',
  eligible: false,
  reasons: ['WAITING_PERIOD'],
  plan: {
    id: 'PLAN-1',
    name: 'Gold',
    currency: 'USD',
    deductible: 50_000,
    coinsurancePct: 20,
    outOfNetworkCoinsurancePct: 40,
    copays: { office_visit: 2_500 },
    oopMax: 400_000,
    annualLimit: 0,
    coveredCategories: ['office_visit'],
    coveredCodes: [],
    excludedCodes: [],
    preauthCodes: [],
    waitingPeriodDays: 30,
    insurerId: 'I-1',
    createdAt: '2026-01-01T00:00:00.000Z',
  },
};

describe('eligibility in FHIR', () => {
  it('reads the member from Coverage/{memberId} and the day from servicedDate, today by default', () => {
    const request = {
      resourceType: 'CoverageEligibilityRequest',
      insurance: [{ coverage: { reference: 'Coverage/M-1' } }],
    };
    expect(readEligibilityRequest({ ...request, servicedDate: '2026-03-14' }, '2026-12-06')).toMatchObject({
      memberId: 'M-1',
      date: '2026-03-14',
    });
    expect(readEligibilityRequest(request, '2026-12-06')).toMatchObject({ date: '2026-12-06' });
    const refused = readEligibilityRequest({ resourceType: 'CoverageEligibilityRequest' }, '2026-12-06');
    expect(isRefusal(refused) && refused.issues[0].expression).toBe('CoverageEligibilityRequest.insurance[0].coverage');
  });

  it('answers whether the coverage is in force, why not, and the benefits used this plan year', async () => {
    const response = eligibilityResponseOf(
      { memberId: 'M-1', date: '2026-03-14', purpose: ['benefits'] },
      view,
      { deductibleMet: 12_345, oopMet: 12_345, planPaid: 0 },
      '2026-03-14T10:00:00.000Z',
    );
    expect(response.insurance?.[0]?.inforce).toBe(false);
    expect(response.error?.[0]?.code.coding?.[0]?.code).toBe('WAITING_PERIOD');
    expect(response.insurance?.[0]?.item?.[0]?.benefit?.[0]).toMatchObject({
      allowedMoney: { value: 500, currency: 'USD' },
      usedMoney: { value: 123.45, currency: 'USD' },
    });
    expect(await fhirValidationErrors(response)).toEqual([]);
  });
});
