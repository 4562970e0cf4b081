import type { EntityManager } from 'typeorm';
import { Subjects, type Causation, type CheckRequested, type ClaimSubmitted } from '#libs/contracts';
import { afterCommit } from '#libs/persistence';
import type { PhiCipher } from '#libs/phi';
import { recordDecision, recordReask } from '../metrics/claim-metrics.js';
import type { SagaCommand, SagaStep } from './claim-saga.js';
import type { DeadlinePolicy } from './deadline-policy.js';
import type { EventOutbox } from './event-outbox.js';
import { loadDecidedEvent } from './load-decided-event.js';
import { loadSubmittedClaim } from './load-submitted-claim.js';
import { saveStep, type LoadedSaga, type StepWrites } from './saga-store.js';
import { watchSettlement } from '../settlement/settlement-deadlines.js';

type Command<K extends SagaCommand['kind']> = Extract<SagaCommand, { kind: K }>;
type Message = Command<'publishDecided'> | Command<'requestCheck'>;

/**
 * The one place that carries out a saga step's commands, inside the caller's transaction: first every row
 * the step changed, then its messages through the outbox, in the order the saga gave them. Every command
 * kind has its case below; a new kind fails to compile until it has one.
 */
export async function carryOutStep(
  manager: EntityManager,
  outbox: EventOutbox,
  loaded: LoadedSaga,
  step: SagaStep,
  context: { at: Date; causation: Causation; policy: DeadlinePolicy; cipher: PhiCipher },
): Promise<void> {
  const { writes, messages } = sortCommands(step.commands);
  await saveStep(manager, loaded.state, step.state, writes, context.at);
  let claim: ClaimSubmitted | undefined;
  for (const message of messages) {
    if (message.kind === 'publishDecided') {
      const decided = await loadDecidedEvent(manager, step.state, loaded.facts, message);
      await outbox.add(manager, Subjects.claimDecided, decided, context.causation);
      const { status, reason } = message;
      const decision = { claimId: step.state.claimId, status, reason, submittedAt: loaded.submittedAt };
      afterCommit(manager, () => recordDecision({ ...decision, decidedAt: context.at }));
      // After an approval the saga still waits, for pricing and payout, on a deadline of its own.
      if (message.status === 'approved') {
        await watchSettlement(manager, step.state.claimId, context.at, context.policy);
      }
    } else {
      claim ??= await loadSubmittedClaim(manager, context.cipher, step.state.claimId);
      const { check, attempt, final = false } = message;
      const request: CheckRequested = { check, attempt, final, claim };
      await outbox.add(manager, Subjects.checkRequested, request, context.causation);
      // The submitted event is every check's first ask: each command here asks again.
      afterCommit(manager, () => recordReask(check));
    }
  }
}

/**
 * Splits the commands into the row writes (batched: one claim update, one timeline insert, the last
 * verdicts) and the messages, which keep their order.
 */
function sortCommands(commands: SagaCommand[]): { writes: StepWrites; messages: Message[] } {
  const writes: StepWrites = { status: null, claimFacts: false, timeline: [], lineVerdicts: null };
  const messages: Message[] = [];
  for (const command of commands) {
    switch (command.kind) {
      case 'setStatus':
        writes.status = command;
        break;
      case 'appendTimeline':
        writes.timeline.push(command);
        break;
      case 'recordClaimFacts':
        writes.claimFacts = true;
        break;
      case 'setLineVerdicts':
        writes.lineVerdicts = command.lines;
        break;
      case 'publishDecided':
      case 'requestCheck':
        messages.push(command);
        break;
      default:
        return unknownCommand(command);
    }
  }
  return { writes, messages };
}

function unknownCommand(command: never): never {
  throw new Error(`the saga has no way to carry out ${JSON.stringify(command)}`);
}
