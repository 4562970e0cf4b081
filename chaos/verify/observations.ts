import type { ExpectedOutcome } from '../workload/claim-mix.js';

/** What the load client knows of one planned claim once the load is over. */
export interface SubmissionRecord {
  index: number;
  key: string;
  /** member|provider|serviceDate: how the claim is recognised in the API's list. */
  payloadKey: string;
  expected: ExpectedOutcome;
  expectedPlanPays: number;
  /** The claim id of every 2xx answer for this key; more than one distinct id = a key with two claims. */
  acceptedIds: string[];
  /** The gateway that answered its 2xx. */
  acceptedBy?: string;
  attempts: number;
  /** Why the client stopped without a 2xx: a status it does not retry, or the give-up time. */
  gaveUp?: string;
}

/** A claim as GET /v1/claims shows it to the insurer. */
export interface ObservedClaim {
  id: string;
  status: string;
  memberId: string;
  providerId: string;
  serviceDate: string;
  /** totals.planPays, cents. */
  planPays: number;
  /** payout.amount, token base units, when the claim has a payout. */
  payoutAmount?: string;
  denialReason?: string;
  updatedAt: string;
}

/** One `Settled` event of the settlement contract. */
export interface SettledEvent {
  /** keccak256 of the claim id string, as the contract knows claims. */
  claimIdHash: string;
  amount: bigint;
  txHash: string;
}

export interface ChainObservations {
  /** `settledAmount(keccak256(id))` for every claim the API lists. */
  settledByClaim: Record<string, bigint>;
  settledEvents: SettledEvent[];
  /** The insurer's escrow once funded, before the first claim, and once everything settled. */
  escrowBefore: bigint;
  escrowAfter: bigint;
}

export interface DeadLetterObservation {
  /** Its id in the DLQ stream (what `npm run dead-letters -- show|replay` takes). */
  id: number;
  /** The bare subject it was consumed from. */
  subject: string;
  consumer: string;
  reason: string;
  error: string;
  deliveryCount: number;
  /** data.claimId of the envelope, when it has one. */
  claimId?: string;
  at: string;
}

/** One answer with status ≥ 500 the load client got, with the fault under way when it came. */
export interface ServerErrorSample {
  atMs: number;
  status: number;
  key: string;
  problemType?: string;
  detail?: string;
  requestId?: string;
  /** "#3 PostgreSQL stopped…" when a fault was under way, else undefined. */
  duringFault?: string;
}

export interface HttpObservations {
  /** Every answer the load client saw, by status ("202", "503", …) or "timeout" / "connection-error". */
  statuses: Record<string, number>;
  serverErrors: ServerErrorSample[];
  /** 503 answers without a Retry-After header (API.md asks for one). */
  unavailableWithoutRetryAfter: number;
  /** Attempts beyond the first, over all claims. */
  retries: number;
  /** 2xx answers that were replays of an earlier answer (Idempotent-Replayed). */
  replays: number;
}

export interface Observations {
  submissions: SubmissionRecord[];
  claims: ObservedClaim[];
  chain: ChainObservations;
  deadLetters: DeadLetterObservation[];
  http: HttpObservations;
}
