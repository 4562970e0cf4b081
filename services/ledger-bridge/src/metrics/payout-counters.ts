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

export function countSubmitted(manager: EntityManager, payouts: number): void {
  afterCommit(manager, () => submittedTotal.inc(payouts));
}

export function countFailed(manager: EntityManager, reason: PayoutFailed['reason']): void {
  afterCommit(manager, () => failedTotal.inc({ reason }));
}

export function countSettled(manager: EntityManager): void {
  afterCommit(manager, () => settledTotal.inc());
}

export function countConfirmedBatch(manager: EntityManager, payouts: number, gasUsed: bigint): void {
  afterCommit(manager, () => {
    batchPayouts.observe(payouts);
    batchGas.observe(Number(gasUsed));
  });
}
