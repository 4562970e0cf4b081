import type { Page } from './claim-views.js';

/**
 * Request/reply payloads between the gateway and billing (providers, fee schedule, network,
 * estimates) and underwriting's coverage preview that estimates are built on. Shapes follow API.md.
 */
export interface CreateProviderPayload {
  id: string;
  name: string;
  address: string;
}
export interface ProviderView extends CreateProviderPayload {
  createdAt: string;
}

export interface ReplaceFeeSchedulePayload {
  entries: { code: string; amount: number }[];
}
export interface FeeScheduleView {
  insurerId: string;
  entries: { code: string; amount: number }[];
  updatedAt: string;
}

export type NetworkStatus = 'in' | 'out';
export interface SetNetworkPayload {
  providerId: string;
  status: NetworkStatus;
}
export interface NetworkView extends SetNetworkPayload {
  insurerId: string;
  updatedAt: string;
}

export interface EstimateLineInput {
  code: string;
  units: number;
  charge: number;
  modifiers?: string[];
}

/** What a clinic asks for (API.md, Estimates). */
export interface EstimateRequestPayload {
  memberId: string;
  providerId: string;
  plannedDate: string;
  preauthorization?: boolean;
  lines: EstimateLineInput[];
}

/** Underwriting's verdict on each planned line, decided as for a claim on the planned date; nothing stored. */
export interface CoveragePreviewLine {
  code: string;
  status: 'covered' | 'denied';
  reason: string | null;
  /** The procedure's category (for copays); null for a code not in the reference table. */
  category: string | null;
  /** Whether the plan lists the code among its preauthCodes. */
  preauthCode: boolean;
}
export interface CoveragePreviewView {
  memberId: string;
  insurerId: string;
  planId: string;
  currency: string;
  lines: CoveragePreviewLine[];
}

/**
 * The estimate to price and store: the clinic's request, underwriting's preview and, from the
 * gateway's Idempotency-Key, an opaque submission key (one estimate per key).
 */
export interface CreateEstimatePayload {
  request: EstimateRequestPayload;
  coverage: CoveragePreviewView;
  submissionKey?: string;
}

export type PreauthOutcome = 'approved' | 'denied' | 'not_required';

export interface EstimateLineView {
  code: string;
  units: number;
  charge: number;
  status: 'covered' | 'denied';
  reason?: string;
  allowed: number;
  deductible: number;
  copay: number;
  coinsurance: number;
  planPays: number;
  patientPays: number;
  balanceBill: number;
  providerWriteOff: number;
  preauth?: PreauthOutcome;
}

export interface EstimateView {
  id: string;
  memberId: string;
  providerId: string;
  plannedDate: string;
  currency: string;
  validUntil: string;
  network: NetworkStatus;
  lines: EstimateLineView[];
  totals: { charge: number; allowed: number; planPays: number; patientPays: number };
  accumulators: { year: number; deductibleRemaining: number; oopRemaining: number };
  createdAt: string;
}

export interface GetEstimatePayload {
  id: string;
}
export interface ListEstimatesPayload {
  memberId?: string;
  limit: number;
  cursor?: string;
}
export type ListEstimatesResult = Page<EstimateView>;
