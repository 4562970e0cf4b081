import { Logger } from '@nestjs/common';
import type { PayoutFailed } from '#libs/contracts';
import { afterCommit } from '#libs/persistence';
import { Counter, Histogram, register } from 'prom-client';
import type { EntityManager } from 'typeorm';

/**
 * What the settlement worker did, counted by the instance that did it (the leader): alerts and dashboards
 * sum these across instances. Each is recorded once its transaction commits (`afterCommit`), so a
 * rolled-back round counts nothing. Labels are bounded: a reason code, never a payout or claim id.
 */
function counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
  const existing = register.getSingleMetric(name);
  if (existing) return existing as Counter<L>;
  return new Counter({ name, help, labelNames });
}

function histogram(name: string, help: string, buckets: number[]): Histogram {
  const existing = register.getSingleMetric(name);
  if (existing) return existing as Histogram;
  return new Histogram({ name, help, buckets });
}

const submittedTotal = counter('ledger_payouts_submitted_total', 'Payouts broadcast in a settlement batch', []);
const settledTotal = counter('ledger_payouts_settled_total', 'Payouts settled on chain (confirmed)', []);
const failedTotal = counter('ledger_payouts_failed_total', 'Payout failures announced (retrying), by reason', [
  'reason',
]);
/** Up to PAYOUT_BATCH_SIZE (100 by default). */
const batchPayouts = histogram(
  'ledger_batch_payouts',
  'Payouts per confirmed settlement batch',
  [1, 2, 5, 10, 20, 50, 100, 200],
);
/** One payout's batch takes about 85k gas, each further payout about 50k more (docs/deploy.md). */
const batchGas = histogram(
  'ledger_batch_gas_used',
  'Gas used by each confirmed settlement batch transaction',
  [50e3, 100e3, 250e3, 500e3, 1e6, 2.5e6, 5e6, 10e6, 20e6],
);

/**
 * At least CONFIRMATIONS; more when the worker came back to the batch late (a slow round, a restart) or
 * blocks come faster than its polling.
 */
const confirmationBlocks = histogram(
  'ledger_batch_confirmation_blocks',
  'Blocks deep each settlement batch transaction was when its payouts were confirmed (its own block counted)',
  [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64],
);
/** Seconds on a development chain, about CONFIRMATIONS × 12 s on Ethereum mainnet, longer when a batch is stuck. */
const confirmationSeconds = histogram(
  'ledger_batch_confirmation_seconds',
  'Seconds from a settlement batch transaction’s first broadcast to its required confirmations',
  [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
);

const logger = new Logger('Payouts');

export function countSubmitted(manager: EntityManager, payouts: number): void {
  afterCommit(manager, () => submittedTotal.inc(payouts));
}

/** A payout failure announced (the payout is retried): counted, and one log line with ids only. */
export function recordFailed(
  manager: EntityManager,
  payout: { payoutId: string; claimId: string },
  reason: PayoutFailed['reason'],
): void {
  afterCommit(manager, () => {
    failedTotal.inc({ reason });
    logger.log({ msg: 'payout failed', payout_id: payout.payoutId, claim_id: payout.claimId, reason, retrying: true });
  });
}

/**
 * A payout settled: counted, and one log line with ids only: no amount, no address, no transaction hash
 * (which would tie the claim to the payee and amount on chain; the batch's own line names its transaction).
 */
export function recordSettled(
  manager: EntityManager,
  payout: { payoutId: string; claimId: string; batchId: string },
): void {
  afterCommit(manager, () => {
    settledTotal.inc();
    logger.log({
      msg: 'payout settled',
      payout_id: payout.payoutId,
      claim_id: payout.claimId,
      batch_id: payout.batchId,
    });
  });
}

export interface ConfirmedBatch {
  payouts: number;
  gasUsed: bigint;
  /** Blocks deep its transaction was when confirmed, its own block counted. */
  depth: number;
  secondsSinceBroadcast: number;
}

export function countConfirmedBatch(manager: EntityManager, batch: ConfirmedBatch): void {
  afterCommit(manager, () => {
    batchPayouts.observe(batch.payouts);
    batchGas.observe(Number(batch.gasUsed));
    confirmationBlocks.observe(batch.depth);
    confirmationSeconds.observe(batch.secondsSinceBroadcast);
  });
}
