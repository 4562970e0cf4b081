import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Causation, CreateEstimatePayload, EstimateView } from '#libs/contracts';
import type { Outbox } from '#libs/messaging';
import { buildEstimate, estimateCreatedEvent } from './build-estimate.js';
import { loadEstimateFacts } from './estimate-facts.store.js';
import { estimateCreatedOutboxRow } from './estimate-outbox-row.js';
import { estimateBySubmissionKey, insertEstimateWithEvent } from './estimate-store.js';

export type EstimateOutcome =
  | { kind: 'created' | 'replayed'; estimate: EstimateView }
  | { kind: 'unknown-provider' }
  | { kind: 'plan-not-known-yet' };

/**
 * Prices an estimate, then stores it and announces it (`billing.estimate.created.v1`) atomically, in
 * one INSERT statement for both rows. The facts are read before, in one statement: nothing is locked
 * or reserved, and each statement sees committed data either way. Two round trips in all. The same
 * submission key returns the estimate stored first, so a retried request creates one; a concurrent
 * twin is caught by the key's unique index at the insert.
 */
export async function createEstimate(
  dataSource: DataSource,
  outbox: Outbox,
  input: CreateEstimatePayload,
  validityDays: number,
  causation: Causation,
): Promise<EstimateOutcome> {
  const { request, coverage, submissionKey } = input;
  const facts = await loadEstimateFacts(dataSource.manager, {
    submissionKey: submissionKey ?? null,
    providerId: request.providerId,
    planId: coverage.planId,
    insurerId: coverage.insurerId,
    memberId: request.memberId,
    planYear: Number(request.plannedDate.slice(0, 4)),
    codes: request.lines.map((line) => line.code),
  });
  if (facts.stored) return { kind: 'replayed', estimate: facts.stored };
  if (!facts.providerKnown) return { kind: 'unknown-provider' };
  if (!facts.benefits) return { kind: 'plan-not-known-yet' };

  const estimate = buildEstimate({
    id: randomUUID(),
    createdAt: new Date(),
    validityDays,
    request,
    coverage,
    benefits: facts.benefits,
    network: facts.network,
    fees: facts.fees,
    accumulators: facts.accumulators,
  });
  const event = estimateCreatedEvent(estimate, coverage.insurerId, request.preauthorization === true);
  const { manager } = dataSource;
  const row = estimateCreatedOutboxRow(outbox, event, causation);
  if (!(await insertEstimateWithEvent(manager, estimate, coverage.insurerId, submissionKey ?? null, row))) {
    // A concurrent request with the same key stored its estimate first: answer with that one.
    return { kind: 'replayed', estimate: (await estimateBySubmissionKey(manager, submissionKey!))! };
  }
  return { kind: 'created', estimate };
}
