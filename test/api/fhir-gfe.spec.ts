import type { Bundle, CapabilityStatement, Claim, ExplanationOfBenefit, OperationOutcome } from '@medplum/fhirtypes';
import { Client, type FhirResource } from 'fhir-kit-client';
import {
  fhirValidationErrorsDeep,
  movedByYears,
  pctGfeBundle,
  pctProviderNpi,
  type PctExample,
} from '#libs/fhir-testing';
import { startApiStack, type ApiStack } from './support/api-stack.js';
import { call } from './support/http.js';
import { aMember, aPlan, addressOf, SetUpClient } from './support/set-up-builders.js';

/** The IG's examples are of 2021; moved so that the professional MRI is planned for next year. */
const YEARS = new Date().getUTCFullYear() + 1 - 2021;
const gfe = (example: PctExample, npis: 'stu1' | 'current' = 'current'): Bundle =>
  movedByYears(pctGfeBundle(example, npis), YEARS);
const MEMBER = 'PFP123450000';
const ADJUDICATIONS = ['submitted', 'eligible', 'deductible', 'copay', 'coinsurance', 'benefit', 'memberliability'];

interface EstimateLine {
  charge: number;
  allowed: number;
  deductible: number;
  copay: number;
  coinsurance: number;
  planPays: number;
  patientPays: number;
  status: string;
  reason?: string;
}

/** An estimate line's amounts in the AEOB's order, in dollars (as FHIR writes them) from cents. */
const dollars = (line: EstimateLine) =>
  [line.charge, line.allowed, line.deductible, line.copay, line.coinsurance, line.planPays, line.patientPays].map(
    (cents) => cents / 100,
  );
const adjudicated = (eob: ExplanationOfBenefit) =>
  (eob.item ?? []).map((item) =>
    ADJUDICATIONS.map(
      (code) => item.adjudication?.find((entry) => entry.category.coding?.[0]?.code === code)?.amount?.value,
    ),
  );

/**
 * The FHIR facade's Da Vinci PCT path through the real gateway, underwriting and billing processes,
 * driven by a FHIR client (fhir-kit-client) as an EHR would: the CapabilityStatement, the IG's own GFE
 * examples answered with AEOBs whose every amount equals POST /v1/estimates for the same lines, and the
 * bad inputs refused with an OperationOutcome naming the element, storing nothing. Every FHIR resource
 * the facade answers is validated against the FHIR R4 base definitions.
 */
describe('FHIR R4: Da Vinci PCT good-faith estimates', () => {
  let stack: ApiStack;
  let clinic: string;
  let fhir: Client;
  let admin: SetUpClient;

  /** Every FHIR answer of the facade, checked once per test: zero validation errors. */
  const answered: unknown[] = [];
  const validated = async <T>(resource: T): Promise<T> => {
    answered.push(resource);
    expect(await fhirValidationErrorsDeep(resource)).toEqual([]);
    return resource;
  };

  /** The OperationOutcome and status of a refused `$gfe-submit`. */
  async function refused(bundle: unknown, client = fhir): Promise<{ status: number; outcome: OperationOutcome }> {
    try {
      await client.operation({ name: '$gfe-submit', resourceType: 'Claim', input: bundle as FhirResource });
    } catch (error) {
      const { response } = error as { response?: { status: number; data: unknown } };
      if (!response) throw error;
      const outcome = (
        typeof response.data === 'string' ? JSON.parse(response.data) : response.data
      ) as OperationOutcome;
      return { status: response.status, outcome: await validated(outcome) };
    }
    throw new Error('the GFE was not refused');
  }
  const expressions = (outcome: OperationOutcome) => outcome.issue.flatMap((issue) => issue.expression ?? []);

  beforeAll(async () => {
    stack = await startApiStack('apifhir', {}, ['underwriting', 'billing']);
    admin = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'admin' }));
    const insurer = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'insurer', org: 'I-UMB' }));
    clinic = await stack.token({ role: 'clinic', org: 'P-RAD' });
    fhir = new Client({ baseUrl: `${stack.gatewayUrl}/fhir/R4`, bearerToken: clinic });

    await admin.expect(201, 'POST', '/v1/insurers', {
      id: 'I-UMB',
      name: 'Umbrella Insurance Company',
      address: addressOf(71),
    });
    // Boston Radiology Center: both examples' provider carries the IG's current NPI.
    await admin.expect(201, 'POST', '/v1/providers', {
      id: 'P-RAD',
      name: 'Boston Radiology Center',
      address: addressOf(72),
      npi: pctProviderNpi('institutional'),
    });
    await insurer.expect(
      201,
      'POST',
      '/v1/plans',
      aPlan('PLAN-PFP', { coveredCategories: ['imaging'], coveredCodes: [], deductible: 10_000 }),
    );
    // The example Coverage's period, moved as the GFEs are.
    await insurer.expect(
      201,
      'POST',
      '/v1/members',
      aMember(MEMBER, 'PLAN-PFP', {
        birthDate: '1955-07-23',
        coverageStart: `${2021 + YEARS}-01-01`,
        coverageEnd: `${2022 + YEARS}-01-01`,
      }),
    );
    await insurer.expect(200, 'PUT', '/v1/fee-schedule', { entries: [{ code: '70551', amount: 18_550 }] });
    await insurer.expect(200, 'PUT', '/v1/network/P-RAD', { status: 'in' });
  }, 180_000);
  afterAll(() => stack?.stop());

  it('refuses to register the STU 1 examples’ NPIs (wrong check digits) and an NPI twice', async () => {
    for (const npi of [pctProviderNpi('professional', 'stu1'), pctProviderNpi('institutional', 'stu1'), '6456789016']) {
      const response = await admin.send('POST', '/v1/providers', {
        id: `P-${npi}`,
        name: 'Stu1',
        address: addressOf(73),
        npi,
      });
      expect([response.status, response.body.errors]).toEqual([400, [expect.objectContaining({ field: 'npi' })]]);
    }
    const twice = await admin.send('POST', '/v1/providers', {
      id: 'P-TWIN',
      name: 'Twin',
      address: addressOf(74),
      npi: '9941339100',
    });
    expect([twice.status, twice.body.errors]).toEqual([409, [expect.objectContaining({ field: 'npi' })]]);
  });

  it('states what it serves: the CapabilityStatement lists the reads, Claim create, $gfe-submit and eligibility $submit, nothing else', async () => {
    const statement = await validated((await fhir.capabilityStatement()) as unknown as CapabilityStatement);
    expect(statement.fhirVersion).toBe('4.0.1');
    const read = [{ code: 'read' }];
    expect(statement.rest?.[0]?.resource).toEqual([
      { type: 'Patient', interaction: read },
      {
        type: 'CoverageEligibilityRequest',
        operation: [{ name: 'submit', definition: expect.stringContaining('CoverageEligibilityRequest-submit') }],
      },
      { type: 'Coverage', interaction: read },
      {
        type: 'Claim',
        interaction: [{ code: 'read' }, { code: 'create' }],
        operation: [{ name: 'gfe-submit', definition: expect.stringContaining('GFE-submit') }],
      },
      { type: 'ClaimResponse', interaction: read },
      { type: 'ExplanationOfBenefit', interaction: read },
    ]);
  });

  it.each(['professional', 'institutional'] as const)(
    'answers the IG’s %s GFE with an AEOB whose every amount equals POST /v1/estimates for the same lines',
    async (example) => {
      const bundle = gfe(example);
      const answer = await validated(
        (await fhir.operation({
          name: '$gfe-submit',
          resourceType: 'Claim',
          input: bundle as unknown as FhirResource,
        })) as unknown as Bundle,
      );
      expect(answer).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
      const eob = answer.entry?.[0]?.resource as ExplanationOfBenefit;
      const claim = bundle.entry?.[0]?.resource as Claim;
      expect(eob).toMatchObject({
        resourceType: 'ExplanationOfBenefit',
        use: 'predetermination',
        claim: { reference: bundle.entry?.[0]?.fullUrl },
        patient: { reference: `Patient/${MEMBER}` },
        type: claim.type,
      });

      const plannedDate = eob.item?.[0]?.servicedDate;
      const rest = await call('POST', `${stack.gatewayUrl}/v1/estimates`, {
        token: clinic,
        body: {
          memberId: MEMBER,
          providerId: 'P-RAD',
          plannedDate,
          lines: [{ code: '70551', units: 1, charge: example === 'professional' ? 20_000 : 26_600 }],
        },
      });
      expect(rest.status).toBe(201);
      const lines = rest.body.lines as EstimateLine[];
      expect(adjudicated(eob)).toEqual(lines.map(dollars));
      const totals = Object.fromEntries(
        (eob.total ?? []).map((total) => [total.category.coding?.[0]?.code, total.amount.value]),
      );
      const restTotals = rest.body.totals as { charge: number; allowed: number; planPays: number; patientPays: number };
      expect([totals.submitted, totals.eligible, totals.benefit, totals.memberliability]).toEqual(
        [restTotals.charge, restTotals.allowed, restTotals.planPays, restTotals.patientPays].map(
          (cents) => cents / 100,
        ),
      );
      // The institutional MRI is planned after the example Coverage ends: not eligible, as its data say.
      if (example === 'institutional') expect(lines[0]).toMatchObject({ status: 'denied', reason: 'NOT_ELIGIBLE' });
      // 185.50 allowed: 100.00 deductible, then 20 % coinsurance of 85.50 (17.10); the plan pays 68.40.
      else
        expect(lines[0]).toMatchObject({
          status: 'covered',
          allowed: 18_550,
          deductible: 10_000,
          coinsurance: 1_710,
          planPays: 6_840,
        });
      // The AEOB is an estimate of the platform's own, readable as such.
      const stored = await call('GET', `${stack.gatewayUrl}/v1/estimates/${eob.id}`, { token: clinic });
      expect(stored.status).toBe(200);
    },
  );

  it('refuses the STU 1 examples, whose provider NPIs fail the check digit, naming the identifier', async () => {
    const before = await stack.storedRows('billing', 'estimates');
    const professional = await refused(gfe('professional', 'stu1'));
    expect([professional.status, expressions(professional.outcome)]).toEqual([
      400,
      ['Practitioner.identifier[0].value'],
    ]);
    const institutional = await refused(gfe('institutional', 'stu1'));
    expect([institutional.status, expressions(institutional.outcome)]).toEqual([
      400,
      ['Organization.identifier[0].value'],
    ]);
    expect(await stack.storedRows('billing', 'estimates')).toBe(before);
  });

  it('refuses bad GFEs with an OperationOutcome naming the element, storing nothing', async () => {
    const before = await stack.storedRows('billing', 'estimates');
    const withClaim = (change: (claim: Claim) => void): Bundle => {
      const bundle = gfe('professional');
      change(bundle.entry?.[0]?.resource as Claim);
      return bundle;
    };
    const withResource = (type: string, change: (resource: Record<string, unknown>) => void): Bundle => {
      const bundle = gfe('professional');
      const entry = bundle.entry?.find((candidate) => candidate.resource?.resourceType === type);
      change(entry?.resource as unknown as Record<string, unknown>);
      return bundle;
    };
    const cases: [string, unknown, number, string][] = [
      ['a Bundle of the wrong type', { ...gfe('professional'), type: 'transaction' }, 400, 'Bundle.type'],
      ['a Claim without items', withClaim((claim) => (claim.item = [])), 400, 'Claim.item'],
      [
        'an unknown CPT code',
        withClaim((claim) =>
          claim.item?.[0]?.productOrService.coding?.splice(0, 1, {
            system: 'http://www.ama-assn.org/go/cpt',
            code: 'ZZ999',
          }),
        ),
        422,
        'Claim.item[0].productOrService',
      ],
      [
        'an unknown member',
        withResource('Coverage', (coverage) => (coverage.subscriberId = 'M-NOBODY')),
        422,
        'Coverage.subscriberId',
      ],
      [
        'a provider without a registered NPI',
        withResource(
          'Practitioner',
          (practitioner) =>
            (practitioner.identifier = [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }]),
        ),
        422,
        'Practitioner.identifier[0].value',
      ],
      [
        'money in another currency than the plan’s',
        withClaim((claim) => {
          const [item] = claim.item ?? [];
          item.net = { value: 200, currency: 'EUR' };
        }),
        422,
        'Claim.item[0].net.currency',
      ],
      [
        'money with more decimals than the currency has',
        withClaim((claim) => {
          const [item] = claim.item ?? [];
          item.net = { value: 200.005, currency: 'USD' };
        }),
        400,
        'Claim.item[0].net.value',
      ],
    ];
    const answers: [string, number, string[]][] = [];
    for (const [what, bundle] of cases) {
      const { status, outcome } = await refused(bundle);
      answers.push([what, status, expressions(outcome)]);
    }
    expect(answers).toEqual(cases.map(([what, , status, expression]) => [what, status, [expression]]));
    expect(await stack.storedRows('billing', 'estimates')).toBe(before);
  });

  it('keeps the REST API’s roles and tokens, answering in OperationOutcome', async () => {
    const anonymous = await call('POST', `${stack.gatewayUrl}/fhir/R4/Claim/$gfe-submit`, {
      body: gfe('professional'),
    });
    expect([anonymous.status, anonymous.headers.get('content-type')]).toEqual([
      401,
      expect.stringContaining('application/fhir+json'),
    ]);
    await validated(anonymous.body);
    const patient = new Client({
      baseUrl: `${stack.gatewayUrl}/fhir/R4`,
      bearerToken: await stack.token({ role: 'patient', patient: MEMBER }),
    });
    expect((await refused(gfe('professional'), patient)).status).toBe(403);
    // FHIR's media type belongs to the facade: the REST API still takes only application/json.
    const restAsFhir = await call('POST', `${stack.gatewayUrl}/v1/estimates`, {
      token: clinic,
      raw: '{}',
      headers: { 'content-type': 'application/fhir+json' },
    });
    expect(restAsFhir.status).toBe(415);
    // Another clinic may not ask in Boston Radiology's name.
    const other = new Client({
      baseUrl: `${stack.gatewayUrl}/fhir/R4`,
      bearerToken: await stack.token({ role: 'clinic', org: 'P-OTHER' }),
    });
    const impostor = await refused(gfe('professional'), other);
    expect([impostor.status, expressions(impostor.outcome)]).toEqual([422, ['Practitioner.identifier[0].value']]);
  });

  afterAll(() => {
    // Each test validated what it was answered; this says that every test was answered something.
    expect(answered.length).toBeGreaterThan(0);
  });
});
