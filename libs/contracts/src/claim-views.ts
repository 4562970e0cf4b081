/** Claim shapes of the public API (API.md, Claims), shared by the claims service and the gateway. */
export const CLAIM_STATUSES = [
  'received',
  'in_review',
  'pending_review',
  'approved',
  'denied',
  'paid',
  'payment_failed',
  'closed',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export interface ClaimLineView {
  code: string;
  units: number;
  charge: number;
  status: 'approved' | 'denied' | 'pending';
  reason?: string;
  allowed: number;
  planPays: number;
  patientPays: number;
}

export interface ClaimView {
  id: string;
  status: ClaimStatus;
  memberId: string;
  providerId: string;
  serviceDate: string;
  submittedAt: string;
  updatedAt: string;
  currency: string | null;
  lines: ClaimLineView[];
  totals: { charge: number; allowed: number; planPays: number; patientPays: number };
  denialReason?: string;
  payout?: PayoutView;
}

/** The claim's payment as the ledger bridge reports it; `amount` in token base units (exceeds 2^53). */
export interface PayoutView {
  status: 'pending' | 'submitted' | 'confirmed' | 'failed';
  amount: string;
  /** The settlement token's symbol, e.g. HCET. */
  token: string;
  txHash?: string;
  blockNumber?: number;
  failureReason?: string;
}

export interface TimelineEntry {
  at: string;
  status: ClaimStatus;
  reason?: string;
  actor: 'system' | 'analyst' | 'chain';
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
