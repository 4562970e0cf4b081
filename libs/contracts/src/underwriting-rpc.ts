/**
 * Request/reply payloads of the set-up endpoints (API.md, Set-up), between the gateway and the
 * underwriting and billing services. Shapes follow API.md field for field.
 */
export interface CreateInsurerPayload {
  id: string;
  name: string;
  address: string;
}
export interface InsurerView extends CreateInsurerPayload {
  createdAt: string;
}

export interface CreatePlanPayload {
  id: string;
  name: string;
  currency: string;
  deductible: number;
  coinsurancePct: number;
  outOfNetworkCoinsurancePct: number;
  copays: Record<string, number>;
  oopMax: number;
  annualLimit: number;
  coveredCategories: string[];
  coveredCodes: string[];
  excludedCodes: string[];
  preauthCodes: string[];
  waitingPeriodDays: number;
}
export interface PlanView extends CreatePlanPayload {
  insurerId: string;
  createdAt: string;
}

export interface CreateMemberPayload {
  id: string;
  name: string;
  birthDate: string;
  planId: string;
  coverageStart: string;
  coverageEnd: string | null;
  address: string;
  dateOfDeath?: string | null;
}
export interface UpdateMemberPayload {
  id: string;
  coverageEnd?: string | null;
  dateOfDeath?: string | null;
  status?: 'active' | 'cancelled';
}
export interface MemberView {
  id: string;
  insurerId: string;
  name: string;
  birthDate: string;
  planId: string;
  coverageStart: string;
  coverageEnd: string | null;
  address: string;
  dateOfDeath: string | null;
  status: 'active' | 'cancelled';
  createdAt: string;
  updatedAt: string;
}

export interface EligibilityPayload {
  memberId: string;
  /** YYYY-MM-DD; the gateway fills in today (UTC) when the caller gives none. */
  date: string;
}
/** Underwriting's part of the eligibility answer; the gateway adds billing's accumulators. */
export interface EligibilityView {
  memberId: string;
  insurerId: string;
  date: string;
  eligible: boolean;
  /** Why not, in DOMAIN.md's codes (NOT_ELIGIBLE, WAITING_PERIOD); empty when eligible. */
  reasons: string[];
  plan: PlanView;
}

export interface AccumulatorsPayload {
  memberId: string;
  /** The plan year: the calendar year of the date asked about. */
  year: number;
}
export interface AccumulatorsView {
  year: number;
  deductibleMet: number;
  oopMet: number;
  planPaid: number;
}

export interface QuotePayload {
  planId: string;
  applicant: { birthDate: string; smoker: boolean; chronicConditions: string[] };
}
export interface QuoteView {
  planId: string;
  currency: string;
  annualPremium: number;
  riskScore: number;
  factors: { name: string; effect: string }[];
}
