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
