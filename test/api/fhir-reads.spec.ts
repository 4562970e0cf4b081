import type {
  Claim,
  ClaimResponse,
  CoverageEligibilityResponse,
  ExplanationOfBenefit,
  OperationOutcome,
} from '@medplum/fhirtypes';
import { Client, type FhirResource } from 'fhir-kit-client';
import { fhirValidationErrorsDeep } from '#libs/fhir-testing';
import { waitFor } from '#libs/testing';
import { startApiStack, type ApiStack } from './support/api-stack.js';
import { aClaim, call } from './support/http.js';
import { aMember, aPlan, addressOf, SetUpClient } from './support/set-up-builders.js';

/**
 * FHIR reads through the real gateway, claims, underwriting and billing processes, with the REST API's
 * roles and ownership: a member as Patient and Coverage, a claim as Claim, ClaimResponse and (once
 * decided) ExplanationOfBenefit; another insurer's or patient's resource is a 404 OperationOutcome.
 * Every resource read is validated against the FHIR R4 base definitions.
 */
describe('FHIR R4 reads: the REST API’s resources, roles and ownership', () => {
  let stack: ApiStack;
  let tokens: Record<'insurer' | 'otherInsurer' | 'clinic' | 'patient' | 'otherPatient', string>;
  let deniedClaim: string;
  let claimInReview: string;

  const client = (token: string) => new Client({ baseUrl: `${stack.gatewayUrl}/fhir/R4`, bearerToken: token });
  async function read<T>(token: string, path: string): Promise<T> {
    const resource = (await client(token).request(path)) as T;
    expect(await fhirValidationErrorsDeep(resource)).toEqual([]);
    return resource;
  }
  async function refusedStatus(token: string, path: string): Promise<number> {
    try {
      await client(token).request(path);
    } catch (error) {
      const { response } = error as { response?: { status: number; data: unknown } };
      if (!response) throw error;
      const outcome = (
        typeof response.data === 'string' ? JSON.parse(response.data) : response.data
      ) as OperationOutcome;
      expect(outcome.resourceType).toBe('OperationOutcome');
      expect(await fhirValidationErrorsDeep(outcome)).toEqual([]);
      return response.status;
    }
    throw new Error(`${path} was not refused`);
  }

  beforeAll(async () => {
    stack = await startApiStack('apifhirread', {}, ['claims', 'underwriting', 'billing']);
    tokens = {
      insurer: await stack.token({ role: 'insurer', org: 'I-A' }),
      otherInsurer: await stack.token({ role: 'insurer', org: 'I-B' }),
      clinic: await stack.token({ role: 'clinic', org: 'P-1' }),
      patient: await stack.token({ role: 'patient', patient: 'M-A' }),
      otherPatient: await stack.token({ role: 'patient', patient: 'M-B' }),
    };
    const admin = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'admin' }));
    const insurerA = new SetUpClient(stack.gatewayUrl, tokens.insurer);
    const insurerB = new SetUpClient(stack.gatewayUrl, tokens.otherInsurer);
    await admin.expect(201, 'POST', '/v1/insurers', { id: 'I-A', name: 'A Health', address: addressOf(81) });
    await admin.expect(201, 'POST', '/v1/insurers', { id: 'I-B', name: 'B Health', address: addressOf(82) });
    await insurerA.expect(201, 'POST', '/v1/plans', aPlan('PLAN-A'));
    await insurerB.expect(201, 'POST', '/v1/plans', aPlan('PLAN-B'));
    await insurerA.expect(201, 'POST', '/v1/members', aMember('M-A', 'PLAN-A'));
    await insurerB.expect(201, 'POST', '/v1/members', aMember('M-B', 'PLAN-B'));
    const submit = async (lines: Record<string, unknown>[]) => {
      const accepted = await call('POST', `${stack.gatewayUrl}/v1/claims`, {
        token: tokens.clinic,
        body: aClaim({ memberId: 'M-A', lines }),
      });
      expect(accepted.status).toBe(202);
      return String(accepted.body.id);
    };
    // 99205 is excluded by the plan: the claim is denied at once, the member owing its charge.
    deniedClaim = await submit([{ code: '99205', units: 1, charge: 12_345 }]);
    // A covered visit stays in review here (no fraud screening or chain verification in this stack).
    claimInReview = await submit([{ code: '99213', units: 1, charge: 15_000 }]);
    await waitFor(
      async () => {
        const got = await call('GET', `${stack.gatewayUrl}/v1/claims/${deniedClaim}`, { token: tokens.insurer });
        return got.body.status === 'denied' ? true : undefined;
      },
      { what: 'the excluded claim to be denied' },
    );
  }, 180_000);
  afterAll(() => stack?.stop());

  it('reads a member as Patient and Coverage: the insurer its own, the patient their own', async () => {
    expect(await read(tokens.insurer, 'Patient/M-A')).toMatchObject({
      resourceType: 'Patient',
      id: 'M-A',
      birthDate: '1985-12-10',
    });
    expect(await read(tokens.patient, 'Coverage/M-A')).toMatchObject({
      resourceType: 'Coverage',
      subscriberId: 'M-A',
      status: 'active',
    });
    expect(await refusedStatus(tokens.otherInsurer, 'Patient/M-A')).toBe(404);
    expect(await refusedStatus(tokens.otherPatient, 'Coverage/M-A')).toBe(404);
    expect(await refusedStatus(tokens.clinic, 'Patient/M-A')).toBe(403);
  });

  it('explains a decided claim: per line amounts as GET /v1/claims/{id} has them, and the denial reason', async () => {
    const eob = await read<ExplanationOfBenefit>(tokens.patient, `ExplanationOfBenefit/${deniedClaim}`);
    const [line] = eob.item ?? [];
    const amount = (code: string) =>
      line.adjudication?.find((entry) => entry.category.coding?.[0]?.code === code)?.amount;
    // The same amounts as the REST API's view of the claim, in dollars.
    const rest = await call('GET', `${stack.gatewayUrl}/v1/claims/${deniedClaim}`, { token: tokens.patient });
    const [restLine] = rest.body.lines as { charge: number; planPays: number; patientPays: number }[];
    expect([amount('submitted'), amount('benefit'), amount('memberliability')]).toEqual(
      [restLine.charge, restLine.planPays, restLine.patientPays].map((cents) => ({
        value: cents / 100,
        currency: 'USD',
      })),
    );
    expect(amount('submitted')).toEqual({ value: 123.45, currency: 'USD' });
    expect(line.adjudication?.at(-1)?.reason?.coding?.[0]?.code).toBe('EXCLUDED');
    expect(eob.payment).toBeUndefined();
    expect(await read<ClaimResponse>(tokens.clinic, `ClaimResponse/${deniedClaim}`)).toMatchObject({
      outcome: 'complete',
    });
    expect(await read(tokens.insurer, `Claim/${deniedClaim}`)).toMatchObject({ resourceType: 'Claim', use: 'claim' });
  });

  it('answers a claim in review as queued, with no ExplanationOfBenefit until it is decided', async () => {
    expect(await read<ClaimResponse>(tokens.insurer, `ClaimResponse/${claimInReview}`)).toMatchObject({
      outcome: 'queued',
    });
    expect(await refusedStatus(tokens.insurer, `ExplanationOfBenefit/${claimInReview}`)).toBe(404);
  });

  it('hides another insurer’s or patient’s claims as not found', async () => {
    for (const path of [
      `Claim/${deniedClaim}`,
      `ClaimResponse/${deniedClaim}`,
      `ExplanationOfBenefit/${deniedClaim}`,
    ]) {
      expect([
        path,
        await refusedStatus(tokens.otherInsurer, path),
        await refusedStatus(tokens.otherPatient, path),
      ]).toEqual([path, 404, 404]);
    }
    expect(await refusedStatus(tokens.insurer, 'Claim/not-a-claim')).toBe(404);
  });

  it('answers a CoverageEligibilityRequest as GET /v1/members/{id}/eligibility does', async () => {
    const request = {
      resourceType: 'CoverageEligibilityRequest',
      status: 'active',
      purpose: ['validation', 'benefits'],
      patient: { reference: 'Patient/M-A' },
      servicedDate: '2026-03-14',
      created: '2026-03-14',
      insurer: { display: 'A Health' },
      insurance: [{ coverage: { reference: 'Coverage/M-A' } }],
    };
    const response = (await client(tokens.clinic).operation({
      name: '$submit',
      resourceType: 'CoverageEligibilityRequest',
      input: request,
    })) as unknown as CoverageEligibilityResponse;
    expect(await fhirValidationErrorsDeep(response)).toEqual([]);
    const rest = await call('GET', `${stack.gatewayUrl}/v1/members/M-A/eligibility?date=2026-03-14`, {
      token: tokens.clinic,
    });
    const plan = rest.body.plan as { deductible: number };
    const [insurance] = response.insurance ?? [];
    expect(insurance.inforce).toBe(rest.body.eligible);
    const deductible = insurance.item?.[0]?.benefit?.find((benefit) => benefit.type.coding?.[0]?.code === 'deductible');
    expect(deductible?.allowedMoney).toEqual({ value: plan.deductible / 100, currency: 'USD' });
    expect(await refusedStatus(tokens.otherPatient, 'Coverage/M-A')).toBe(404);
  });

  describe('submitting a FHIR Claim', () => {
    const aFhirClaim = (code: string, charge: number): Claim => ({
      resourceType: 'Claim',
      status: 'active',
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] },
      use: 'claim',
      patient: { reference: 'Patient/M-A' },
      created: '2026-03-14',
      provider: { identifier: { system: 'urn:healthclaims:provider', value: 'P-1' } },
      priority: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/processpriority', code: 'normal' }] },
      insurance: [{ sequence: 1, focal: true, coverage: { reference: 'Coverage/M-A' } }],
      diagnosis: [
        {
          sequence: 1,
          diagnosisCodeableConcept: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'J06.9' }] },
        },
      ],
      item: [
        {
          sequence: 1,
          productOrService: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code }] },
          servicedDate: '2026-03-14',
          quantity: { value: 1 },
          net: { value: charge, currency: 'USD' },
        },
      ],
    });
    const post = (token: string, body: unknown, key?: string) =>
      call('POST', `${stack.gatewayUrl}/fhir/R4/Claim`, {
        token,
        raw: JSON.stringify(body),
        headers: { 'content-type': 'application/fhir+json', ...(key ? { 'idempotency-key': key } : {}) },
      });

    it('enters the same review as POST /v1/claims: 202, a queued ClaimResponse, Location, and an EOB once decided', async () => {
      const accepted = await post(tokens.clinic, aFhirClaim('99205', 99.99), 'fhir-claim-1');
      expect(accepted.status).toBe(202);
      expect(await fhirValidationErrorsDeep(accepted.body)).toEqual([]);
      const response = accepted.body as unknown as ClaimResponse;
      expect(response).toMatchObject({ resourceType: 'ClaimResponse', outcome: 'queued' });
      expect(accepted.headers.get('location')).toBe(`/fhir/R4/Claim/${response.id}`);
      const again = await post(tokens.clinic, aFhirClaim('99205', 99.99), 'fhir-claim-1');
      expect([again.status, (again.body as unknown as ClaimResponse).id]).toEqual([202, response.id]);
      expect((await post(tokens.clinic, aFhirClaim('99205', 1), 'fhir-claim-1')).status).toBe(409);

      const eob = await waitFor(
        async () => {
          try {
            return (await client(tokens.insurer).request(
              `ExplanationOfBenefit/${response.id}`,
            )) as unknown as ExplanationOfBenefit;
          } catch {
            return undefined;
          }
        },
        { what: 'the FHIR claim to be decided' },
      );
      expect(await fhirValidationErrorsDeep(eob as unknown as FhirResource)).toEqual([]);
      const submitted = eob.item?.[0]?.adjudication?.find((entry) => entry.category.coding?.[0]?.code === 'submitted');
      expect(submitted?.amount).toEqual({ value: 99.99, currency: 'USD' });
      const rest = await call('GET', `${stack.gatewayUrl}/v1/claims/${response.id}`, { token: tokens.insurer });
      expect(rest.body).toMatchObject({
        status: 'denied',
        lines: [{ code: '99205', charge: 9_999, reason: 'EXCLUDED' }],
      });
    });

    it('refuses a Claim without items, an unknown member, another currency, naming the element, storing nothing', async () => {
      const before = await stack.storedClaims();
      const noItems = { ...aFhirClaim('99213', 150), item: [] };
      const unknownMember = {
        ...aFhirClaim('99213', 150),
        insurance: [{ sequence: 1, focal: true, coverage: { reference: 'Coverage/M-NOBODY' } }],
      };
      const euros = aFhirClaim('99213', 150);
      euros.item![0].net = { value: 150, currency: 'EUR' };
      const answers = [];
      for (const body of [noItems, unknownMember, euros]) {
        const refused = await post(tokens.clinic, body);
        expect(await fhirValidationErrorsDeep(refused.body)).toEqual([]);
        answers.push([refused.status, (refused.body as unknown as OperationOutcome).issue?.[0]?.expression]);
      }
      expect(answers).toEqual([
        [400, ['Claim.item']],
        [422, ['Claim.insurance[0].coverage']],
        [422, ['Claim.item[0].net.currency']],
      ]);
      expect((await post(tokens.otherInsurer, aFhirClaim('99213', 150))).status).toBe(403);
      expect((await post(tokens.patient, aFhirClaim('99213', 150))).status).toBe(403);
      expect(await stack.storedClaims()).toBe(before);
    });
  });
});
