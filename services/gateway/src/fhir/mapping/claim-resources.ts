import type {
  Claim,
  ClaimResponse,
  CodeableConcept,
  ExplanationOfBenefit,
  ExplanationOfBenefitItemAdjudication,
  Money,
} from '@medplum/fhirtypes';
import type { ClaimLineView, ClaimStatus, ClaimView } from '#libs/contracts';
import { SYSTEMS } from './fhir-systems.js';
import { fhirMoney } from './money.js';

/** Statuses after which the claim's adjudication is final (DOMAIN.md, Claim life cycle). */
const DECIDED: readonly ClaimStatus[] = ['approved', 'denied', 'paid', 'payment_failed', 'closed'];
export const isDecided = (claim: ClaimView): boolean => DECIDED.includes(claim.status);

const PROFESSIONAL: CodeableConcept = { coding: [{ system: SYSTEMS.claimType, code: 'professional' }] };

/** The claim's money; a claim not yet told its plan's currency (still in review) has amounts without one. */
function moneyOf(claim: ClaimView): (amount: number) => Money {
  return (amount) => (claim.currency === null ? { value: amount } : fhirMoney(amount, claim.currency));
}

function common(claim: ClaimView) {
  return {
    id: claim.id,
    identifier: [{ system: SYSTEMS.claim, value: claim.id }],
    type: PROFESSIONAL,
    patient: { reference: `Patient/${claim.memberId}` },
    created: claim.submittedAt,
  };
}

/** The claim as submitted (`Claim/{id}`), its lines with their charges. */
export function fhirClaimOf(claim: ClaimView): Claim {
  const money = moneyOf(claim);
  return {
    resourceType: 'Claim',
    ...common(claim),
    status: 'active',
    use: 'claim',
    provider: { identifier: { system: SYSTEMS.provider, value: claim.providerId } },
    priority: { coding: [{ system: SYSTEMS.processPriority, code: 'normal' }] },
    insurance: [{ sequence: 1, focal: true, coverage: { reference: `Coverage/${claim.memberId}` } }],
    item: claim.lines.map((line, index) => ({
      sequence: index + 1,
      productOrService: { coding: [{ system: SYSTEMS.cpt, code: line.code }] },
      servicedDate: claim.serviceDate,
      quantity: { value: line.units },
      net: money(line.charge),
    })),
    total: money(claim.totals.charge),
  };
}

/** Where the claim stands as a ClaimResponse: `queued` while in review, `complete` once decided. */
export function claimResponseOf(claim: ClaimView): ClaimResponse {
  const money = moneyOf(claim);
  const decided = isDecided(claim);
  return {
    resourceType: 'ClaimResponse',
    ...common(claim),
    status: 'active',
    use: 'claim',
    insurer: { display: 'The member’s insurer' },
    request: { reference: `Claim/${claim.id}` },
    outcome: decided ? 'complete' : 'queued',
    disposition: dispositionOf(claim),
    ...(decided
      ? {
          item: claim.lines.map((line, index) => ({
            itemSequence: index + 1,
            adjudication: adjudicationOf(line, money),
          })),
          total: totalsOf(claim, money),
        }
      : {}),
  };
}

/**
 * The decided claim's ExplanationOfBenefit (`ExplanationOfBenefit/{claimId}`): per line the amounts
 * billing priced, totals, and the payment with the transaction hash once the payout is on chain.
 */
export function explanationOfBenefitOf(claim: ClaimView): ExplanationOfBenefit {
  const money = moneyOf(claim);
  const { payout } = claim;
  return {
    resourceType: 'ExplanationOfBenefit',
    ...common(claim),
    status: 'active',
    use: 'claim',
    insurer: { display: 'The member’s insurer' },
    provider: { identifier: { system: SYSTEMS.provider, value: claim.providerId } },
    claim: { reference: `Claim/${claim.id}` },
    claimResponse: { reference: `ClaimResponse/${claim.id}` },
    outcome: 'complete',
    disposition: dispositionOf(claim),
    insurance: [{ focal: true, coverage: { reference: `Coverage/${claim.memberId}` } }],
    item: claim.lines.map((line, index) => ({
      sequence: index + 1,
      productOrService: { coding: [{ system: SYSTEMS.cpt, code: line.code }] },
      servicedDate: claim.serviceDate,
      quantity: { value: line.units },
      net: money(line.charge),
      adjudication: adjudicationOf(line, money),
    })),
    total: totalsOf(claim, money),
    ...(claim.totals.planPays > 0
      ? {
          payment: {
            type: {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/ex-paymenttype',
                  code: claim.status === 'paid' ? 'complete' : 'partial',
                },
              ],
            },
            amount: money(claim.totals.planPays),
            // The settlement's transaction, once it has its confirmations (the claim `paid`): the proof of
            // payment (DOMAIN.md, Claim life cycle). A transaction still waiting for them is not yet one.
            ...(claim.status === 'paid' && payout?.txHash
              ? { identifier: { system: SYSTEMS.payoutTransaction, value: payout.txHash } }
              : {}),
          },
        }
      : {}),
  };
}

function dispositionOf(claim: ClaimView): string {
  const status = claim.status === 'pending_review' ? 'in_review' : claim.status;
  return claim.denialReason ? `${status}: ${claim.denialReason}` : status;
}

function adjudicationOf(line: ClaimLineView, money: (amount: number) => Money): ExplanationOfBenefitItemAdjudication[] {
  const entries: ExplanationOfBenefitItemAdjudication[] = [
    { category: adjudication('submitted'), amount: money(line.charge) },
    { category: adjudication('eligible'), amount: money(line.allowed) },
  ];
  if (line.costSharing) {
    entries.push(
      { category: adjudication('deductible'), amount: money(line.costSharing.deductible) },
      { category: adjudication('copay'), amount: money(line.costSharing.copay) },
      { category: carin('coinsurance'), amount: money(line.costSharing.coinsurance) },
    );
  }
  entries.push(
    { category: adjudication('benefit'), amount: money(line.planPays) },
    { category: carin('memberliability'), amount: money(line.patientPays) },
  );
  if (line.status === 'denied') {
    entries.push({
      category: { coding: [{ system: SYSTEMS.carinDiscriminator, code: 'denialreason' }] },
      reason: { coding: [{ system: SYSTEMS.reason, code: line.reason ?? 'DENIED' }] },
    });
  }
  return entries;
}

function totalsOf(claim: ClaimView, money: (amount: number) => Money) {
  return [
    { category: adjudication('submitted'), amount: money(claim.totals.charge) },
    { category: adjudication('eligible'), amount: money(claim.totals.allowed) },
    { category: adjudication('benefit'), amount: money(claim.totals.planPays) },
    { category: carin('memberliability'), amount: money(claim.totals.patientPays) },
  ];
}

const adjudication = (code: string): CodeableConcept => ({ coding: [{ system: SYSTEMS.adjudication, code }] });
const carin = (code: string): CodeableConcept => ({ coding: [{ system: SYSTEMS.carinAdjudication, code }] });

/** The answer to a submitted Claim: accepted into review, `outcome = queued` (API.md, FHIR R4). */
export function queuedClaimResponse(claim: { id: string; memberId: string; created: string }): ClaimResponse {
  return {
    resourceType: 'ClaimResponse',
    id: claim.id,
    identifier: [{ system: SYSTEMS.claim, value: claim.id }],
    status: 'active',
    type: PROFESSIONAL,
    use: 'claim',
    patient: { reference: `Patient/${claim.memberId}` },
    created: claim.created,
    insurer: { display: 'The member’s insurer' },
    request: { reference: `Claim/${claim.id}` },
    outcome: 'queued',
    disposition: 'received',
  };
}
