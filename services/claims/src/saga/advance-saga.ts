import type { EntityManager } from 'typeorm';
import type { Causation } from '#libs/contracts';
import type { PhiCipher } from '#libs/phi';
import { carryOutStep } from './carry-out-step.js';
import { decide, type SagaInput } from './claim-saga.js';
import type { DeadlinePolicy } from './deadline-policy.js';
import type { EventOutbox } from './event-outbox.js';
import { lockSaga } from './saga-store.js';

export type SagaOutcome = 'advanced' | 'unchanged' | 'unknown-claim';

/**
 * The thin shell around the pure saga, inside the caller's transaction: lock the claim's saga, decide,
 * and carry out the step (rows written, events put in the outbox). Everything commits or nothing does.
 */
export async function advanceSaga(
  manager: EntityManager,
  outbox: EventOutbox,
  claimId: string,
  input: SagaInput,
  causation: Causation,
  policy: DeadlinePolicy,
  /** Opens the diagnosis codes when a check is asked again. */
  cipher: PhiCipher,
): Promise<SagaOutcome> {
  const loaded = await lockSaga(manager, claimId);
  if (!loaded) return 'unknown-claim';
  const step = decide(loaded.state, input, policy);
  // The saga returns the very same state when an input changes nothing (a duplicate, a decided claim).
  if (step.state === loaded.state) return 'unchanged';
  await carryOutStep(manager, outbox, loaded, step, { at: input.at, causation, policy, cipher });
  return 'advanced';
}
