import type { Claim } from '@medplum/fhirtypes';
import { isRefusal } from './operation-outcome.js';
import { readSubmittedClaim } from './submitted-claim.js';

const aClaim = (overrides: Partial<Claim> = {}): Claim => ({
  resourceType: 'Claim',
  status: 'active',
  type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] },
  use: 'claim',
  patient: { reference: 'Patient/M-1' },
  created: '2026-12-01',
  provider: { identifier: { system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' } },
  priority: { coding: [{ code: 'normal' }] },
  insurance: [{ sequence: 1, focal: true, coverage: { reference: 'Coverage/M-1' } }],
  diagnosis: [{ sequence: 1, diagnosisCodeableConcept: { coding: [{ code: 'J06.9' }] } }],
  item: [
    {
      sequence: 1,
      productOrService: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '99213' }] },
      servicedDate: '2026-12-01',
      net: { value: 150, currency: 'USD' },
    },
  ],
  ...overrides,
});

describe('reading a submitted FHIR Claim', () => {
  it('reads the member from Coverage/{memberId}, the provider NPI, the date, diagnoses and lines', () => {
    expect(readSubmittedClaim(aClaim(), '2026-12-07')).toMatchObject({
      memberId: 'M-1',
      provider: { kind: 'npi', npi: '1234567893', expression: 'Claim.provider.identifier.value' },
      serviceDate: '2026-12-01',
      diagnosisCodes: ['J06.9'],
      lines: [{ code: '99213', units: 1, charge: { value: 150, currency: 'USD' } }],
    });
  });

  it('reads the member from a contained Coverage', () => {
    const claim = aClaim({
      contained: [
        {
          resourceType: 'Coverage',
          id: 'cov',
          status: 'active',
          subscriberId: 'M-7',
          beneficiary: { reference: 'Patient/M-7' },
          payor: [{ display: 'x' }],
        },
      ],
      insurance: [{ sequence: 1, focal: true, coverage: { reference: '#cov' } }],
    });
    expect(readSubmittedClaim(claim, '2026-12-07')).toMatchObject({ memberId: 'M-7' });
  });

  it('refuses a service date in the future, a GFE, and something that is not a Claim', () => {
    const future = readSubmittedClaim(aClaim(), '2026-11-30');
    expect(isRefusal(future) && future.issues[0].expression).toBe('Claim.item[0].servicedDate');
    const gfe = readSubmittedClaim(aClaim({ use: 'predetermination' }), '2026-12-07');
    expect(isRefusal(gfe) && gfe.issues[0].expression).toBe('Claim.use');
    const bundle = readSubmittedClaim({ resourceType: 'Bundle' }, '2026-12-07');
    expect(isRefusal(bundle) && bundle.issues[0].expression).toBe('Claim');
  });
});
