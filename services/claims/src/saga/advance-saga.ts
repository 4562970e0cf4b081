import type { EntityManager } from 'typeorm';
import { Subjects, type Causation, type CheckRequested, type ClaimSubmitted } from '#libs/contracts';
import { decide, type SagaInput } from './claim-saga.js';
import type { EventOutbox } from './event-outbox.js';
import { buildDecidedEvent } from './decided-event.js';
import type { DeadlinePolicy } from './deadline-policy.js';
import { loadSubmittedClaim } from './load-submitted-claim.js';
import { lockSaga, saveStep } from './saga-store.js';
import { watchSettlement } from '../settlement/settlement-deadlines.js';

export type SagaOutcome = 'advanced' | 'unchanged' | 'unknown-claim';

/**
 * The thin shell around the pure saga, inside the caller's transaction: lock the claim's saga, decide,
 * write the changes, and put the resulting events in the outbox. Everything commits or nothing does.
 */
export async function advanceSaga(
  manager: EntityManager,
  outbox: EventOutbox,
  claimId: string,
  input: SagaInput,
  causation: Causation,
  policy: DeadlinePolicy,
): Promise<SagaOutcome> {
  const loaded = await lockSaga(manager, claimId);
  if (!loaded) return 'unknown-claim';
  const { state, commands } = decide(loaded.state, input, policy);
  // The saga returns the very same state when an input changes nothing (a duplicate, a decided claim).
  if (state === loaded.state) return 'unchanged';
  await saveStep(manager, loaded.state, state, commands, input.at);
  let claim: ClaimSubmitted | undefined;
  for (const command of commands) {
    if (command.kind === 'publishDecided') {
      const decided = await buildDecidedEvent(manager, state, loaded.facts, command);
      await outbox.add(manager, Subjects.claimDecided, decided, causation);
      // After an approval the saga still waits, for pricing and payout, on a deadline of its own.
      if (command.status === 'approved') await watchSettlement(manager, claimId, input.at, policy);
    } else if (command.kind === 'requestCheck') {
      claim ??= await loadSubmittedClaim(manager, claimId);
      const request: CheckRequested = { check: command.check, attempt: command.attempt, claim };
      await outbox.add(manager, Subjects.checkRequested, request, causation);
    }
  }
  return 'advanced';
}
