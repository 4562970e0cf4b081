import type { CoverageEligibilityResponse, CoverageEligibilityResponseInsuranceItemBenefit } from '@medplum/fhirtypes';
import { isRealDate, type EligibilityView } from '#libs/contracts';
import { SYSTEMS } from './fhir-systems.js';
import { fhirMoney } from './money.js';
import { malformed, type FhirRefusal } from './operation-outcome.js';

/** What `GET /v1/members/{id}/eligibility` needs from a CoverageEligibilityRequest. */
export interface EligibilityQuestion {
  memberId: string;
  date: string;
  purpose: CoverageEligibilityResponse['purpose'];
}

/**
 * The member (`insurance[].coverage` = `Coverage/{memberId}`, else `patient` = `Patient/{memberId}`) and the
 * day (`servicedDate`, else `today`) a CoverageEligibilityRequest asks about.
 */
export function readEligibilityRequest(body: unknown, today: string): EligibilityQuestion | FhirRefusal {
  const request = body as {
    resourceType?: unknown;
    purpose?: unknown;
    patient?: { reference?: string };
    servicedDate?: unknown;
    insurance?: { coverage?: { reference?: string } }[];
  } | null;
  if (typeof request !== 'object' || request === null || request.resourceType !== 'CoverageEligibilityRequest') {
    return malformed('CoverageEligibilityRequest', 'must be a FHIR CoverageEligibilityRequest');
  }
  const coverage = /^Coverage\/([^/]+)$/.exec(request.insurance?.[0]?.coverage?.reference ?? '');
  const patient = /^Patient\/([^/]+)$/.exec(request.patient?.reference ?? '');
  const memberId = coverage?.[1] ?? patient?.[1];
  if (!memberId) {
    return malformed('CoverageEligibilityRequest.insurance[0].coverage', 'must reference Coverage/{memberId}');
  }
  const date = request.servicedDate ?? today;
  if (typeof date !== 'string' || !isRealDate(date)) {
    return malformed('CoverageEligibilityRequest.servicedDate', 'must be a date (YYYY-MM-DD)');
  }
  const purposes = Array.isArray(request.purpose) ? request.purpose : [];
  const known = purposes.filter(
    (item): item is 'validation' | 'benefits' => item === 'validation' || item === 'benefits',
  );
  return { memberId, date, purpose: known.length > 0 ? known : ['validation', 'benefits'] };
}

/**
 * The eligibility answer as a CoverageEligibilityResponse: in force or not (with the reasons as errors),
 * the plan's benefits (deductible, out-of-pocket maximum, annual limit with what was used of each this
 * plan year, coinsurance, copays per category).
 */
export function eligibilityResponseOf(
  question: EligibilityQuestion,
  view: EligibilityView,
  accumulators: { deductibleMet: number; oopMet: number; planPaid: number },
  created: string,
): CoverageEligibilityResponse {
  const { plan } = view;
  const money = (amount: number) => fhirMoney(amount, plan.currency);
  const benefit = (
    system: string,
    code: string,
    allowed: number,
    used: number,
  ): CoverageEligibilityResponseInsuranceItemBenefit => ({
    type: { coding: [{ system, code }] },
    allowedMoney: money(allowed),
    usedMoney: money(used),
  });
  const benefitType = 'http://terminology.hl7.org/CodeSystem/benefit-type';
  const benefits: CoverageEligibilityResponseInsuranceItemBenefit[] = [
    benefit(benefitType, 'deductible', plan.deductible, accumulators.deductibleMet),
    benefit(SYSTEMS.benefit, 'oop-max', plan.oopMax, accumulators.oopMet),
    ...(plan.annualLimit > 0 ? [benefit(benefitType, 'benefit', plan.annualLimit, accumulators.planPaid)] : []),
    { type: { coding: [{ system: benefitType, code: 'copay-percent' }] }, allowedUnsignedInt: plan.coinsurancePct },
  ];
  return {
    resourceType: 'CoverageEligibilityResponse',
    status: 'active',
    purpose: question.purpose ?? ['validation', 'benefits'],
    patient: { reference: `Patient/${view.memberId}` },
    servicedDate: view.date,
    created,
    request: { display: 'The CoverageEligibilityRequest submitted' },
    outcome: 'complete',
    insurer: { identifier: { system: SYSTEMS.insurer, value: view.insurerId } },
    insurance: [
      {
        coverage: { reference: `Coverage/${view.memberId}` },
        inforce: view.eligible,
        item: [
          {
            category: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/ex-benefitcategory', code: '30' }] },
            network: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/benefit-network', code: 'in' }] },
            benefit: benefits,
          },
          ...Object.entries(plan.copays).map(([category, amount]) => ({
            category: { coding: [{ system: SYSTEMS.category, code: category }] },
            benefit: [{ type: { coding: [{ system: benefitType, code: 'copay' }] }, allowedMoney: money(amount) }],
          })),
        ],
      },
    ],
    ...(view.reasons.length === 0
      ? {}
      : { error: view.reasons.map((reason) => ({ code: { coding: [{ system: SYSTEMS.reason, code: reason }] } })) }),
  };
}
