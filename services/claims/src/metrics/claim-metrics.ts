import { Logger } from '@nestjs/common';
import type { CheckName, SettlementStage } from '#libs/contracts';
import { Counter, Histogram, register } from 'prom-client';

/**
 * The claims service's counters, on the default registry (/metrics). Each is recorded only once the
 * transaction that did the work commits (`afterCommit`), so a retried delivery is not counted twice.
 * Labels are bounded: a decision, a settled status, a check name; never a claim or member id.
 */
function counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
  const existing = register.getSingleMetric(name);
  if (existing) return existing as Counter<L>;
  return new Counter({ name, help, labelNames });
}

function histogram<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  buckets: number[],
): Histogram<L> {
  const existing = register.getSingleMetric(name);
  if (existing) return existing as Histogram<L>;
  return new Histogram({ name, help, labelNames, buckets });
}

const decidedTotal = counter('claims_decided_total', 'Claims decided by the review saga, by decision', ['status']);

/**
 * From a second (every check answering at once) to days (a flag waiting for an analyst, a check
 * re-asked at its capped deadline).
 */
const DECISION_BUCKETS = [0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600, 24 * 3600, 3 * 24 * 3600];

const decisionSeconds = histogram(
  'claims_decision_duration_seconds',
  'Time from a claim’s submission to its decision, by decision',
  ['status'],
  DECISION_BUCKETS,
);

const settledTotal = counter(
  'claims_settled_total',
  'Approved claims reaching paid, closed (nothing payable) or payment_failed, by status',
  ['status'],
);

const reaskedTotal = counter(
  'claims_checks_reasked_total',
  'Checks asked again after their deadline passed unanswered: coverage, fraud and ledger under review, pricing and payout after approval',
  ['check'],
);

const logger = new Logger('ClaimOutcome');

export interface ClaimDecision {
  claimId: string;
  status: 'approved' | 'denied';
  reason: string | null;
  submittedAt: Date;
  decidedAt: Date;
}

/** A decision taken and committed: counted, timed from submission, and one log line with ids only. */
export function recordDecision(decision: ClaimDecision): void {
  const seconds = Math.max(0, (decision.decidedAt.getTime() - decision.submittedAt.getTime()) / 1000);
  decidedTotal.inc({ status: decision.status });
  decisionSeconds.observe({ status: decision.status }, seconds);
  logger.log({
    msg: 'claim decided',
    claim_id: decision.claimId,
    status: decision.status,
    reason: decision.reason,
    decision_seconds: Math.round(seconds * 1000) / 1000,
  });
}

export interface SettlementOutcome {
  claimId: string;
  /** The claim's status after the event, when it changed (paid, closed, payment_failed). */
  claimStatus: string | null;
  /** The payout's status after a payout event (pending, submitted, confirmed, failed). */
  payoutStatus: string | null;
  payoutId: string | null;
  reason: string | null;
}

/**
 * A settlement step committed: a claim reaching paid, closed or payment_failed is counted, and every
 * payout outcome or status change gets one log line with ids and codes only (no amount, no address).
 */
export function recordSettlement(outcome: SettlementOutcome): void {
  if (outcome.claimStatus) settledTotal.inc({ status: outcome.claimStatus });
  logger.log({
    msg: outcome.payoutStatus ? 'claim payout' : 'claim settled',
    claim_id: outcome.claimId,
    payout_id: outcome.payoutId,
    status: outcome.claimStatus,
    payout_status: outcome.payoutStatus,
    reason: outcome.reason,
  });
}

/** A check (or a settlement stage) asked again after its deadline. */
export function recordReask(check: CheckName | SettlementStage): void {
  reaskedTotal.inc({ check });
}
