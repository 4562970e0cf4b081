import type { FraudRuleCode } from '#libs/contracts';

/** What the fraud rules look at (DOMAIN.md, Fraud rules), gathered from the fraud service's read models. */
export interface ScreenedLine {
  code: string;
  units: number;
  charge: number;
}

export interface ScreenedClaim {
  id: string;
  memberId: string;
  providerId: string;
  /** YYYY-MM-DD */
  serviceDate: string;
  /** RFC 3339 */
  submittedAt: string;
  estimateId: string | null;
  lines: ScreenedLine[];
}

export interface RuleHit {
  code: FraudRuleCode;
  points: number;
  /** One line naming the evidence; shown to analysts only. */
  explanation: string;
}

export type { FraudRuleCode };

export interface Exclusion {
  from: string;
  /** null = open-ended. */
  to: string | null;
  reason: string;
}

/**
 * The charges per unit of one code's lines, summed up where they are stored (thousands of lines a code): how
 * many, and their median as `median` in provider-rules.ts defines it.
 */
export interface ChargeHistory {
  samples: number;
  median: number;
}

export interface FraudFacts {
  claim: ScreenedClaim;
  /** Earlier, not denied claims of the same member, provider and service date. */
  sameDayClaims: readonly ScreenedClaim[];
  memberDateOfDeath: string | null;
  providerExclusions: readonly Exclusion[];
  /** Every other claim of the provider on the service date (any member). */
  providerDayClaims: readonly ScreenedClaim[];
  typicalMinutes: ReadonlyMap<string, number>;
  /** The total charge of the estimate the claim cites, when it cites one we know. */
  estimateTotalCharge: number | null;
  /** Per code of the claim: the charges per unit of the lines in the last 90 days before this claim. */
  chargeHistory: ReadonlyMap<string, ChargeHistory>;
  /** The provider's claims in the 24 h before this one, and in the 30 days before those 24 h. */
  providerClaimsLast24h: number;
  providerClaimsPrevious30d: number;
}
