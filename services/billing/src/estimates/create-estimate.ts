import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Subjects, type Causation, type CreateEstimatePayload, type EstimateView } from '#libs/contracts';
import type { Outbox } from '#libs/messaging';
import { readAccumulators } from '../accumulators/accumulator-store.js';
import { feesFor, networkStatusOf } from '../pricing/pricing-facts.store.js';
import { findProvider } from '../providers/provider-store.js';
import { findPlan } from '../read-models/read-model-store.js';
import { buildEstimate, estimateCreatedEvent } from './build-estimate.js';
import { estimateBySubmissionKey, insertEstimate } from './estimate-store.js';

export type EstimateOutcome =
  | { kind: 'created' | 'replayed'; estimate: EstimateView }
  | { kind: 'unknown-provider' }
  | { kind: 'plan-not-known-yet' };

/**
 * Prices and stores an estimate and announces it (`billing.estimate.created.v1`) in one transaction.
 * The same submission key returns the estimate stored first, so a retried request creates one.
 */
export async function createEstimate(
  manager: EntityManager,
  outbox: Outbox,
  input: CreateEstimatePayload,
  validityDays: number,
  causation: Causation,
): Promise<EstimateOutcome> {
  const { request, coverage, submissionKey } = input;
  if (submissionKey) {
    const stored = await estimateBySubmissionKey(manager, submissionKey);
    if (stored) return { kind: 'replayed', estimate: stored };
  }
  if (!(await findProvider(manager, request.providerId))) return { kind: 'unknown-provider' };
  const plan = await findPlan(manager, coverage.planId);
  if (!plan) return { kind: 'plan-not-known-yet' };

  const estimate = buildEstimate({
    id: randomUUID(),
    createdAt: new Date(),
    validityDays,
    request,
    coverage,
    benefits: plan.benefits,
    network: await networkStatusOf(manager, coverage.insurerId, request.providerId),
    fees: await feesFor(
      manager,
      coverage.insurerId,
      request.lines.map((line) => line.code),
    ),
    accumulators: await readAccumulators(manager, request.memberId, Number(request.plannedDate.slice(0, 4))),
  });
  if (!(await insertEstimate(manager, estimate, coverage.insurerId, submissionKey ?? null))) {
    // A concurrent request with the same key stored its estimate first: answer with that one.
    return { kind: 'replayed', estimate: (await estimateBySubmissionKey(manager, submissionKey!))! };
  }
  const event = estimateCreatedEvent(estimate, coverage.insurerId, request.preauthorization === true);
  await outbox.add(manager, Subjects.estimateCreated, event, causation);
  return { kind: 'created', estimate };
}
