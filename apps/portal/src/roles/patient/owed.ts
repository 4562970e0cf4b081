import type { components } from '../../api/generated/schema';

type Claim = components['schemas']['ClaimResponse'];
type ClaimLine = components['schemas']['ClaimLineView'];

/** Why the patient owes what they owe for one line, from the claim's own amounts (minor units). */
export interface LineExplanation {
  code: string;
  charge: number;
  allowed: number;
  planPays: number;
  patientPays: number;
  /** What the clinic charged above the plan's price (the allowed amount). */
  aboveAllowed: number;
  /** The patient's share split as priced; absent before pricing (and on claims priced before it was kept). */
  costSharing?: { deductible: number; copay: number; coinsurance: number };
  status: ClaimLine['status'];
  reason?: string;
}

export function explainLines(claim: Claim): LineExplanation[] {
  return claim.lines.map((line) => ({
    code: line.code,
    charge: line.charge,
    allowed: line.allowed,
    planPays: line.planPays,
    patientPays: line.patientPays,
    aboveAllowed: line.status === 'approved' ? Math.max(0, line.charge - line.allowed) : 0,
    status: line.status,
    ...(line.reason ? { reason: line.reason } : {}),
    ...(line.costSharing ? { costSharing: { ...line.costSharing } } : {}),
  }));
}

/** The claim's amounts are final once the plan has decided it; before that they are all zero. */
export function amountsKnown(claim: Claim): boolean {
  return ['approved', 'paid', 'payment_failed', 'closed', 'denied'].includes(claim.status);
}

/** Denial and line reasons (API.md codes) in words a patient understands. */
const REASONS: Record<string, string> = {
  CONSENT_MISSING: 'you had not allowed your insurer to see this claim (no active consent)',
  NOT_COVERED: 'your plan does not cover this service',
  NOT_ELIGIBLE: 'you were not covered on the date of service',
  OUT_OF_NETWORK: 'the clinic is not in your plan’s network',
  PREAUTH_REQUIRED: 'this service needed approval before it was done',
  RECORD_NOT_VERIFIED: 'the medical record cited could not be verified',
};

export function reasonInWords(code: string | undefined): string | undefined {
  if (!code) return undefined;
  return REASONS[code] ?? code.toLowerCase().replace(/_/g, ' ');
}
