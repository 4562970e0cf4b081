import type { Bundle, Claim } from '@medplum/fhirtypes';
import { movedByYears, pctGfeBundle } from '#libs/fhir-testing';
import { estimateRequestOf } from './estimate-request.js';
import { readGfeBundle, type GfeRequest } from './gfe-bundle.js';
import { isRefusal, type FhirRefusal } from './operation-outcome.js';

const TODAY = '2026-12-06';
/** The IG's 2021 examples moved to 2027, so their planned dates lie ahead of TODAY. */
const professional = () => movedByYears(pctGfeBundle('professional'), 6);
const institutional = () => movedByYears(pctGfeBundle('institutional'), 6);

function read(bundle: unknown): GfeRequest {
  const read = readGfeBundle(bundle, TODAY);
  if (isRefusal(read)) throw new Error(`refused: ${JSON.stringify(read)}`);
  return read;
}
function refusal(bundle: unknown): FhirRefusal {
  const read = readGfeBundle(bundle, TODAY);
  if (!isRefusal(read)) throw new Error('not refused');
  return read;
}
const claimOf = (bundle: Bundle) => bundle.entry?.[0]?.resource as Claim;

describe('reading a Da Vinci PCT GFE Bundle', () => {
  it('reads the IG’s professional example: member, provider NPI, planned date and the MRI line', () => {
    const gfe = read(professional());
    expect(gfe).toMatchObject({
      claimReference: 'http://example.org/fhir/Claim/PCT-GFE-Professional-MRI',
      memberId: 'PFP123450000',
      provider: { kind: 'npi', npi: '9941339100', expression: 'Practitioner.identifier[0].value' },
      plannedDate: '2027-10-31',
      lines: [{ code: '70551', units: 1, modifiers: [], charge: { value: 200, currency: 'USD', times: 1 } }],
    });
    // The example puts a CPT code where a modifier goes: said back, not used.
    expect(gfe.notes).toEqual([expect.stringContaining('Claim.item[0].modifier[0] (70551)')]);
    expect(estimateRequestOf(gfe, 'P-RAD', 'USD')).toEqual({
      memberId: 'PFP123450000',
      providerId: 'P-RAD',
      plannedDate: '2027-10-31',
      preauthorization: false,
      lines: [{ code: '70551', units: 1, charge: 20000, modifiers: [] }],
    });
  });

  it('reads the IG’s institutional example: the provider is the organisation, the charge 266.00', () => {
    const gfe = read(institutional());
    expect(gfe.provider).toEqual({ kind: 'npi', npi: '9941339100', expression: 'Organization.identifier[0].value' });
    expect(gfe.plannedDate).toBe('2028-02-02');
    expect(estimateRequestOf(gfe, 'P-RAD', 'USD')).toMatchObject({ lines: [{ code: '70551', charge: 26600 }] });
  });

  it('refuses the STU 1 examples’ provider NPIs, whose check digits are wrong, naming the identifier', () => {
    expect(refusal(movedByYears(pctGfeBundle('professional', 'stu1'), 6))).toEqual({
      status: 400,
      issues: [expect.objectContaining({ expression: 'Practitioner.identifier[0].value' })],
    });
    expect(refusal(movedByYears(pctGfeBundle('institutional', 'stu1'), 6)).issues[0].message).toContain('1234568095');
  });

  it('refuses a Bundle of the wrong type, a Claim that is not a predetermination, and a Claim without items', () => {
    expect(refusal({ ...professional(), type: 'transaction' }).issues[0].expression).toBe('Bundle.type');
    expect(refusal({ resourceType: 'Claim' }).issues[0].expression).toBe('Bundle');
    const claimUse = professional();
    claimOf(claimUse).use = 'claim';
    expect(refusal(claimUse).issues[0].expression).toBe('Claim.use');
    const noItems = professional();
    claimOf(noItems).item = [];
    expect(refusal(noItems)).toEqual({ status: 400, issues: [expect.objectContaining({ expression: 'Claim.item' })] });
  });

  it('names the item whose code is not CPT, whose quantity is fractional, or whose charge is missing', () => {
    const bundle = professional();
    const [item] = claimOf(bundle).item ?? [];
    claimOf(bundle).item = [
      { ...item, sequence: 1, productOrService: { coding: [{ system: 'http://example.org/local', code: '70551' }] } },
      { ...item, sequence: 2, quantity: { value: 1.5 } },
      { ...item, sequence: 3, net: undefined, unitPrice: undefined },
    ];
    expect(refusal(bundle).issues.map((issue) => issue.expression)).toEqual([
      'Claim.item[0].productOrService',
      'Claim.item[1].quantity.value',
      'Claim.item[2].net',
    ]);
  });

  it('refuses a planned date in the past, as POST /v1/estimates does', () => {
    expect(refusal(pctGfeBundle('professional')).issues[0]).toMatchObject({
      expression: 'Claim.item[0].servicedDate',
      message: expect.stringContaining('today or later'),
    });
  });

  it('refuses a provider named by nothing the platform knows, and a Coverage without a member id', () => {
    const anonymous = professional();
    claimOf(anonymous).provider = { display: 'Dr. Curie' };
    expect(refusal(anonymous)).toEqual({
      status: 422,
      issues: [expect.objectContaining({ expression: 'Claim.provider' })],
    });
    const noSubscriber = professional();
    const coverage = noSubscriber.entry?.find((entry) => entry.resource?.resourceType === 'Coverage')?.resource;
    if (coverage?.resourceType === 'Coverage') delete coverage.subscriberId;
    expect(refusal(noSubscriber).issues[0].expression).toBe('Coverage.subscriberId');
  });

  it('reads the platform’s own provider id where there is no NPI', () => {
    const bundle = professional();
    claimOf(bundle).provider = { identifier: { system: 'urn:healthclaims:provider', value: 'P-RAD' } };
    expect(read(bundle).provider).toEqual({
      kind: 'id',
      providerId: 'P-RAD',
      expression: 'Claim.provider.identifier.value',
    });
  });

  it('refuses a charge in another currency than the plan’s, or with more decimals than it has', () => {
    const gfe = read(professional());
    expect(estimateRequestOf(gfe, 'P-RAD', 'EUR')).toEqual({
      status: 422,
      issues: [expect.objectContaining({ expression: 'Claim.item[0].net.currency' })],
    });
    const fractional = { ...gfe, lines: [{ ...gfe.lines[0], charge: { ...gfe.lines[0].charge, value: 200.005 } }] };
    expect(estimateRequestOf(fractional, 'P-RAD', 'USD')).toEqual({
      status: 400,
      issues: [expect.objectContaining({ expression: 'Claim.item[0].net.value' })],
    });
  });

  it('multiplies a unit price by the units in minor units when the item has no net', () => {
    const bundle = professional();
    const [item] = claimOf(bundle).item ?? [];
    claimOf(bundle).item = [
      { ...item, net: undefined, quantity: { value: 3 }, unitPrice: { value: 0.29, currency: 'USD' } },
    ];
    expect(estimateRequestOf(read(bundle), 'P-RAD', 'USD')).toMatchObject({ lines: [{ units: 3, charge: 87 }] });
  });
});
