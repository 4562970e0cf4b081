import { CHECKS, type CheckName, type ClaimProcessReason } from '#libs/contracts';
import { asksForFinalVerdict, deadlineAfter, type DeadlinePolicy } from './deadline-policy.js';
import {
  isDecided,
  type CheckAnswer,
  type CheckState,
  type ClaimSagaState,
  type FlagDecision,
  type LineVerdict,
  type SagaChecks,
  type TimelineActor,
} from './saga-state.js';
import { everyLineDenied, sharedReason, verdictsOf } from './line-verdicts.js';
import { Step, type SagaStep } from './saga-step.js';

export type { SagaCommand, SagaStep } from './saga-step.js';

/** What can happen to a claim under review. */
export type SagaInput =
  | { type: 'reviewStarted'; at: Date }
  | { type: 'checkAnswered'; at: Date; answer: CheckAnswer }
  /** The check cannot judge yet: it stays pending, and its next asks follow `asksForFinalVerdict`. */
  | { type: 'checkPending'; at: Date; check: CheckName }
  | { type: 'flagDecided'; at: Date; decision: FlagDecision }
  | { type: 'deadlinesDue'; at: Date };

/** Reason codes the saga itself gives (the others come from the checks). */
export const SagaReasons = {
  fraudHold: 'FRAUD_HOLD',
  fraudDismissed: 'FRAUD_DISMISSED',
  fraudConfirmed: 'FRAUD_CONFIRMED',
  allLinesDenied: 'ALL_LINES_DENIED',
  recordsNotVerified: 'RECORDS_NOT_VERIFIED',
} as const satisfies Record<string, ClaimProcessReason>;

/** A check answer that cannot belong to this claim (a contract bug upstream, not a race). */
export class SagaInputError extends Error {
  override name = 'SagaInputError';
}

/** The checks of a freshly submitted claim: each asked once (by the submitted event), each with a deadline. */
export function startingChecks(at: Date, policy: DeadlinePolicy): SagaChecks {
  const asked = (): CheckState<never> => ({
    progress: 'pending',
    attempts: 1,
    deadlineAt: deadlineAfter(at, 1, policy),
    answer: null,
  });
  return { coverage: asked(), fraud: asked(), ledger: asked() };
}

/**
 * The claim saga as a pure function: state + input → new state + commands. Every input is safe to
 * apply late, twice or out of order: an answered check keeps its first answer, a decided claim ignores
 * everything, and any input on a claim still `received` starts the review first (so a lost
 * submitted event at our own consumer cannot strand a claim).
 */
export function decide(state: ClaimSagaState, input: SagaInput, policy: DeadlinePolicy): SagaStep {
  if (isDecided(state.status)) {
    const settled = input.type === 'deadlinesDue' ? withoutDeadlines(state) : state;
    return { state: settled, commands: [] };
  }
  const step = new Step(state);
  if (state.status === 'received') step.transition('in_review', null, 'system');
  switch (input.type) {
    case 'reviewStarted':
      break;
    case 'checkAnswered':
      recordAnswer(step, input.answer);
      break;
    case 'checkPending':
      recordPending(step, input.check);
      break;
    case 'flagDecided':
      if (step.state.flagDecision === null) step.update({ flagDecision: input.decision });
      break;
    case 'deadlinesDue':
      reaskOverdue(step, input.at, policy);
      break;
  }
  conclude(step);
  return step.result();
}

function recordAnswer(step: Step, answer: CheckAnswer): void {
  const current = step.state.checks[answer.check];
  if (current.progress !== 'pending') return;
  if (answer.check === 'coverage') {
    assertCoversEveryLine(
      step.state,
      answer.lines.map((line) => line.index),
    );
    const insurerId = step.state.insurerId ?? answer.insurerId;
    const currency = step.state.currency ?? answer.currency;
    if (insurerId !== step.state.insurerId || currency !== step.state.currency) {
      step.update({ insurerId, currency });
      step.emit({ kind: 'recordClaimFacts', insurerId, currency });
    }
  }
  step.setCheck(answer.check, { ...current, progress: 'answered', deadlineAt: null, answer });
  if (answer.check === 'coverage') {
    // A denied line's reason is final whatever the other checks say: show it now, not at the decision.
    const denied = verdictsOf(answer.lines).filter((line) => line.status === 'denied');
    if (denied.length) step.emit({ kind: 'setLineVerdicts', lines: denied });
  }
}

function recordPending(step: Step, check: CheckName): void {
  const current = step.state.checks[check];
  if (current.progress !== 'pending') return;
  step.setCheck(check, { ...current, pendingAnswers: (current.pendingAnswers ?? 0) + 1 });
}

function assertCoversEveryLine(state: ClaimSagaState, indices: number[]): void {
  const sorted = [...indices].sort((a, b) => a - b);
  const complete = sorted.length === state.lineCount && sorted.every((index, position) => index === position);
  if (!complete) {
    throw new SagaInputError(
      `coverage for claim ${state.claimId} must judge lines 0..${state.lineCount - 1}, got [${indices.join(', ')}]`,
    );
  }
}

function reaskOverdue(step: Step, at: Date, policy: DeadlinePolicy): void {
  for (const check of CHECKS) {
    const current = step.state.checks[check];
    if (current.progress !== 'pending' || !current.deadlineAt || current.deadlineAt > at) continue;
    const attempt = current.attempts + 1;
    step.setCheck(check, { ...current, attempts: attempt, deadlineAt: deadlineAfter(at, attempt, policy) });
    step.emit(
      asksForFinalVerdict(current)
        ? { kind: 'requestCheck', check, attempt, final: true }
        : { kind: 'requestCheck', check, attempt },
    );
  }
}

/** Applies the decision rules of DOMAIN.md to what is known so far; the first rule that applies wins. */
function conclude(step: Step): void {
  const { coverage, fraud, ledger } = step.state.checks;
  const lineCount = step.state.lineCount;
  if (ledger.answer && !ledger.answer.verified) {
    const reason = ledger.answer.reason ?? SagaReasons.recordsNotVerified;
    return deny(step, reason, everyLineDenied(lineCount, reason), 'chain');
  }
  if (step.state.flagDecision === 'confirm') {
    return deny(step, SagaReasons.fraudConfirmed, everyLineDenied(lineCount, SagaReasons.fraudConfirmed), 'analyst');
  }
  const verdicts = coverage.answer ? verdictsOf(coverage.answer.lines) : null;
  if (verdicts && verdicts.every((line) => line.status === 'denied')) {
    return deny(step, sharedReason(verdicts, SagaReasons.allLinesDenied), verdicts, 'system');
  }
  const held = fraud.answer?.held === true && step.state.flagDecision !== 'dismiss';
  if (held) {
    if (step.state.status !== 'pending_review') step.transition('pending_review', SagaReasons.fraudHold, 'system');
    return;
  }
  if (step.state.status === 'pending_review') step.transition('in_review', SagaReasons.fraudDismissed, 'analyst');
  if (verdicts && fraud.answer && ledger.answer) approve(step, verdicts);
}

function deny(step: Step, reason: string, lines: LineVerdict[], actor: TimelineActor): void {
  finish(step, 'denied', reason, lines, actor);
}

function approve(step: Step, lines: LineVerdict[]): void {
  finish(step, 'approved', null, lines, 'system');
}

function finish(
  step: Step,
  status: 'approved' | 'denied',
  reason: string | null,
  lines: LineVerdict[],
  actor: TimelineActor,
): void {
  step.transition(status, reason, actor);
  step.emit({ kind: 'setLineVerdicts', lines });
  // Checks still out are no longer needed: cancelling them takes the claim off the deadline scan.
  cancelOutstanding(step);
  step.emit({ kind: 'publishDecided', status, reason, lines });
}

/** A decided claim asks nothing more: any deadline still set is dropped, so the scan never picks it again. */
function withoutDeadlines(state: ClaimSagaState): ClaimSagaState {
  const step = new Step(state);
  cancelOutstanding(step);
  return step.state;
}

function cancelOutstanding(step: Step): void {
  for (const check of CHECKS) {
    const current = step.state.checks[check];
    if (current.progress === 'pending') step.setCheck(check, { ...current, progress: 'cancelled', deadlineAt: null });
  }
}
