import type { CoverageDenialReason } from '#libs/contracts';

/** The facts a coverage decision is made from (DOMAIN.md, Coverage decision). Dates are YYYY-MM-DD. */
export interface PlanRules {
  coveredCategories: string[];
  coveredCodes: string[];
  excludedCodes: string[];
  preauthCodes: string[];
  waitingPeriodDays: number;
}

export interface Policy {
  status: 'active' | 'cancelled';
  coverageStart: string;
  /** null = open-ended. */
  coverageEnd: string | null;
  plan: PlanRules;
}

export interface Procedure {
  category: string;
  mueUnitsPerDay: number;
}

/** One row of the NCCI procedure-to-procedure table. */
export interface NcciPair {
  column1: string;
  column2: string;
  effectiveDate: string;
  /** null = still in force. */
  deletionDate: string | null;
  /** 0 = never bypassed, 1 = bypassed by an NCCI-associated modifier, 9 = not applicable. */
  modifierIndicator: 0 | 1 | 9;
}

/** A pre-authorisation from an estimate the claim cites. */
export interface Preauthorization {
  memberId: string;
  providerId: string;
  approvedCodes: string[];
  /** The estimate's creation day and its validUntil day. */
  validFrom: string;
  validUntil: string;
}

export interface ClaimLineFacts {
  code: string;
  units: number;
  modifiers: string[];
}

export interface CoverageFacts {
  memberId: string;
  providerId: string;
  serviceDate: string;
  /** The member's policy; null when the member is unknown. */
  policy: Policy | null;
  procedures: ReadonlyMap<string, Procedure>;
  ncciPairs: readonly NcciPair[];
  /** Lines of earlier non-denied claims of the same member, provider and service date. */
  earlierLines: readonly ClaimLineFacts[];
  /** The pre-authorisation of the estimate the claim cites, if any. */
  preauthorization: Preauthorization | null;
  lines: readonly ClaimLineFacts[];
}

/** The codes and their order are the platform's one list (libs/contracts, claim-reasons). */
export type CoverageReason = CoverageDenialReason;

export type LineVerdict = { status: 'covered' } | { status: 'denied'; reason: CoverageReason };
