import type {
  Bundle,
  CodeableConcept,
  ExplanationOfBenefit,
  ExplanationOfBenefitItemAdjudication,
  ExplanationOfBenefitTotal,
} from '@medplum/fhirtypes';
import type { EstimateLineView, EstimateView } from '#libs/contracts';
import { SYSTEMS } from './fhir-systems.js';
import { fhirMoney } from './money.js';

/** The adjudication amounts of a priced line, in the order an AEOB lists them, each from the estimate. */
const LINE_AMOUNTS: readonly { category: CodeableConcept; amount: (line: EstimateLineView) => number }[] = [
  { category: adjudication('submitted', 'Submitted Amount'), amount: (line) => line.charge },
  { category: adjudication('eligible', 'Eligible Amount'), amount: (line) => line.allowed },
  { category: adjudication('deductible', 'Deductible'), amount: (line) => line.deductible },
  { category: adjudication('copay', 'CoPay'), amount: (line) => line.copay },
  { category: carin('coinsurance', 'Coinsurance'), amount: (line) => line.coinsurance },
  { category: adjudication('benefit', 'Benefit Amount'), amount: (line) => line.planPays },
  { category: carin('memberliability', 'Member liability'), amount: (line) => line.patientPays },
];

export interface AdvancedEobFacts {
  estimate: EstimateView;
  insurerId: string;
  /** The GFE Claim the AEOB answers (its fullUrl in the submitted Bundle, or `Claim/{id}`). */
  gfeReference: string;
  claimType: CodeableConcept | undefined;
  notes: readonly string[];
}

/**
 * The Advanced EOB for a priced estimate (Da Vinci PCT): an ExplanationOfBenefit with `use =
 * predetermination`, per item the estimate's amounts as adjudications (submitted = charge, eligible =
 * allowed, deductible, copay, coinsurance, benefit = plan pays, member liability = patient pays), a
 * denied line's reason, and the totals. Every amount is the estimate's, converted exactly.
 */
export function advancedEob({
  estimate,
  insurerId,
  gfeReference,
  claimType,
  notes,
}: AdvancedEobFacts): ExplanationOfBenefit {
  const money = (amount: number) => fhirMoney(amount, estimate.currency);
  const total = (category: CodeableConcept, amount: (line: EstimateLineView) => number): ExplanationOfBenefitTotal => ({
    category,
    amount: money(estimate.lines.reduce((sum, line) => sum + amount(line), 0)),
  });
  return {
    resourceType: 'ExplanationOfBenefit',
    id: estimate.id,
    identifier: [{ system: SYSTEMS.estimate, value: estimate.id }],
    status: 'active',
    type: claimType ?? { coding: [{ system: SYSTEMS.claimType, code: 'professional' }] },
    use: 'predetermination',
    patient: { reference: `Patient/${estimate.memberId}` },
    created: estimate.createdAt,
    insurer: { identifier: { system: SYSTEMS.insurer, value: insurerId } },
    provider: { identifier: { system: SYSTEMS.provider, value: estimate.providerId } },
    priority: { coding: [{ system: SYSTEMS.processPriority, code: 'normal' }] },
    claim: { reference: gfeReference },
    outcome: 'complete',
    disposition: `Estimate valid until ${estimate.validUntil}; provider ${estimate.network === 'in' ? 'in' : 'out of'} network`,
    insurance: [{ focal: true, coverage: { reference: `Coverage/${estimate.memberId}` } }],
    item: estimate.lines.map((line, index) => ({
      sequence: index + 1,
      productOrService: { coding: [{ system: SYSTEMS.cpt, code: line.code }] },
      servicedDate: estimate.plannedDate,
      quantity: { value: line.units },
      net: money(line.charge),
      adjudication: lineAdjudication(line, money),
    })),
    total: [
      total(adjudication('submitted', 'Submitted Amount'), (line) => line.charge),
      total(adjudication('eligible', 'Eligible Amount'), (line) => line.allowed),
      total(adjudication('deductible', 'Deductible'), (line) => line.deductible),
      total(adjudication('copay', 'CoPay'), (line) => line.copay),
      total(carin('coinsurance', 'Coinsurance'), (line) => line.coinsurance),
      total(adjudication('benefit', 'Benefit Amount'), (line) => line.planPays),
      total(carin('memberliability', 'Member liability'), (line) => line.patientPays),
    ],
    ...(notes.length === 0
      ? {}
      : { processNote: notes.map((text, index) => ({ number: index + 1, type: 'display' as const, text })) }),
  };
}

function lineAdjudication(
  line: EstimateLineView,
  money: (amount: number) => ReturnType<typeof fhirMoney>,
): ExplanationOfBenefitItemAdjudication[] {
  const amounts = LINE_AMOUNTS.map(({ category, amount }) => ({ category, amount: money(amount(line)) }));
  if (line.status === 'covered') return amounts;
  // A denied line says why, with the platform's reason code (DOMAIN.md), as CARIN's denial reason.
  return [
    ...amounts,
    {
      category: { coding: [{ system: SYSTEMS.carinDiscriminator, code: 'denialreason', display: 'Denial Reason' }] },
      reason: { coding: [{ system: SYSTEMS.reason, code: line.reason ?? 'DENIED' }] },
    },
  ];
}

/** The `$gfe-submit` answer: a collection Bundle holding the AEOB. */
export function aeobBundle(eob: ExplanationOfBenefit, timestamp: string): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp,
    entry: [{ fullUrl: `urn:uuid:${eob.id ?? ''}`, resource: eob }],
  };
}

function adjudication(code: string, display: string): CodeableConcept {
  return { coding: [{ system: SYSTEMS.adjudication, code, display }] };
}

function carin(code: string, display: string): CodeableConcept {
  return { coding: [{ system: SYSTEMS.carinAdjudication, code, display }] };
}
