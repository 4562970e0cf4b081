import { decide, SagaInputError, type SagaCommand, type SagaInput, type SagaStep } from './claim-saga.js';
import {
  aClaim,
  at,
  coverage,
  notVerified,
  POLICY,
  screenedClear,
  screenedHeld,
  T0,
  verified,
} from '../../test/support/saga-builders.js';
import type { CheckAnswer, ClaimSagaState } from './saga-state.js';

const answered = (answer: CheckAnswer, when = at(1)): SagaInput => ({ type: 'checkAnswered', at: when, answer });

/** Feeds inputs one after another, as the handlers do, and returns the last step. */
function run(state: ClaimSagaState, ...inputs: SagaInput[]): SagaStep {
  let step: SagaStep = { state, commands: [] };
  for (const input of inputs) step = decide(step.state, input, POLICY);
  return step;
}

const kinds = (commands: SagaCommand[]) => commands.map((command) => command.kind);
const published = (commands: SagaCommand[]) => commands.find((command) => command.kind === 'publishDecided');
const underReview = (lines = 1) => run(aClaim().withLines(lines).build(), { type: 'reviewStarted', at: T0 }).state;

describe('claim saga: starting the review', () => {
  it('moves a received claim to in_review with a timeline entry', () => {
    const step = decide(aClaim().build(), { type: 'reviewStarted', at: T0 }, POLICY);
    expect(step.state.status).toBe('in_review');
    expect(step.commands).toEqual([
      { kind: 'setStatus', status: 'in_review', reason: null },
      { kind: 'appendTimeline', status: 'in_review', reason: null, actor: 'system' },
    ]);
  });

  it('does nothing when the submitted event is delivered again', () => {
    const step = decide(underReview(), { type: 'reviewStarted', at: at(5) }, POLICY);
    expect(step.commands).toEqual([]);
  });

  it('starts the review when an answer overtakes the submitted event', () => {
    const step = decide(aClaim().build(), answered(verified()), POLICY);
    expect(step.state.status).toBe('in_review');
    expect(step.state.checks.ledger.progress).toBe('answered');
    expect(kinds(step.commands)).toEqual(['setStatus', 'appendTimeline']);
  });
});

describe('claim saga: approving', () => {
  it('approves with per-line statuses once all three checks passed', () => {
    const step = run(
      underReview(2),
      answered(coverage(['covered', 'EXCLUDED'])),
      answered(screenedClear()),
      answered(verified()),
    );
    expect(step.state.status).toBe('approved');
    const lines = [
      { index: 0, status: 'approved', reason: null },
      { index: 1, status: 'denied', reason: 'EXCLUDED' },
    ];
    expect(step.commands).toContainEqual({ kind: 'setLineVerdicts', lines });
    expect(published(step.commands)).toEqual({ kind: 'publishDecided', status: 'approved', reason: null, lines });
    expect(step.commands).toContainEqual({ kind: 'appendTimeline', status: 'approved', reason: null, actor: 'system' });
  });

  it('shows the reason of a line coverage denied while the other checks are still out', () => {
    const step = decide(underReview(2), answered(coverage(['covered', 'NCCI_UNBUNDLED'])), POLICY);
    expect(step.state.status).toBe('in_review');
    expect(step.commands).toContainEqual({
      kind: 'setLineVerdicts',
      lines: [{ index: 1, status: 'denied', reason: 'NCCI_UNBUNDLED' }],
    });
  });

  it('reaches the same verdict whatever order the answers arrive in', () => {
    const answers = [coverage(['covered']), screenedClear(), verified()];
    const orders = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    for (const order of orders) {
      const step = run(underReview(), ...order.map((i) => answered(answers[i])));
      expect(step.state.status).toBe('approved');
    }
  });

  it('remembers an answer that decides nothing yet, with no command for the claim', () => {
    const before = underReview();
    const step = decide(before, answered(screenedClear()), POLICY);
    expect(step.commands).toEqual([]);
    expect(step.state).not.toBe(before);
    expect(step.state.checks.fraud).toMatchObject({ progress: 'answered', answer: screenedClear() });
  });

  it('keeps the claim in_review while any check is still out', () => {
    const step = run(underReview(), answered(coverage(['covered'])), answered(screenedClear()));
    expect(step.state.status).toBe('in_review');
    expect(step.state.checks.ledger.progress).toBe('pending');
  });

  it('learns the insurer and currency from coverage when intake did not know them', () => {
    const claim = run(aClaim().withUnknownInsurer().build(), { type: 'reviewStarted', at: T0 }).state;
    const step = decide(claim, answered(coverage(['covered'], { insurerId: 'INS-9', currency: 'EUR' })), POLICY);
    expect(step.commands).toContainEqual({ kind: 'recordClaimFacts', insurerId: 'INS-9', currency: 'EUR' });
    expect(step.state).toMatchObject({ insurerId: 'INS-9', currency: 'EUR' });
  });

  it('keeps the insurer known at intake', () => {
    const step = decide(underReview(), answered(coverage(['covered'], { insurerId: 'INS-2' })), POLICY);
    expect(step.state.insurerId).toBe('INS-1');
    expect(step.commands).toContainEqual({ kind: 'recordClaimFacts', insurerId: 'INS-1', currency: 'USD' });
  });
});

describe('claim saga: denying', () => {
  it('denies the whole claim with the ledger reason when verification fails', () => {
    const step = decide(underReview(), answered(notVerified('CONSENT_MISSING')), POLICY);
    expect(step.state.status).toBe('denied');
    expect(step.commands).toContainEqual({
      kind: 'appendTimeline',
      status: 'denied',
      reason: 'CONSENT_MISSING',
      actor: 'chain',
    });
    expect(published(step.commands)).toEqual({
      kind: 'publishDecided',
      status: 'denied',
      reason: 'CONSENT_MISSING',
      lines: [{ index: 0, status: 'denied', reason: 'CONSENT_MISSING' }],
    });
  });

  it('stops waiting for the other checks once denied', () => {
    const step = decide(underReview(), answered(notVerified('RECORD_NOT_ANCHORED')), POLICY);
    expect(step.state.checks.coverage).toMatchObject({ progress: 'cancelled', deadlineAt: null });
    expect(step.state.checks.fraud).toMatchObject({ progress: 'cancelled', deadlineAt: null });
  });

  it('denies a held claim when verification fails, without waiting for the analyst', () => {
    const step = run(underReview(), answered(screenedHeld()), answered(notVerified('RECORD_HASH_MISMATCH')));
    expect(step.state.status).toBe('denied');
  });

  it('denies when coverage denies every line, with their shared reason', () => {
    const claim = underReview(2);
    const step = decide(claim, answered(coverage(['NOT_ELIGIBLE', 'NOT_ELIGIBLE'])), POLICY);
    expect(step.state.status).toBe('denied');
    expect(published(step.commands)).toMatchObject({ status: 'denied', reason: 'NOT_ELIGIBLE' });
  });

  it('names ALL_LINES_DENIED when the denied lines have different reasons', () => {
    const claim = underReview(2);
    const step = decide(claim, answered(coverage(['EXCLUDED', 'UNKNOWN_CODE'])), POLICY);
    expect(published(step.commands)).toMatchObject({
      status: 'denied',
      reason: 'ALL_LINES_DENIED',
      lines: [
        { index: 0, status: 'denied', reason: 'EXCLUDED' },
        { index: 1, status: 'denied', reason: 'UNKNOWN_CODE' },
      ],
    });
  });
});

describe('claim saga: fraud hold', () => {
  it('holds a claim in pending_review when screening holds it, even if the other checks passed', () => {
    const step = run(underReview(), answered(coverage(['covered'])), answered(verified()), answered(screenedHeld()));
    expect(step.state.status).toBe('pending_review');
    expect(step.commands).toContainEqual({
      kind: 'appendTimeline',
      status: 'pending_review',
      reason: 'FRAUD_HOLD',
      actor: 'system',
    });
    expect(published(step.commands)).toBeUndefined();
  });

  it('denies with FRAUD_CONFIRMED when the analyst confirms', () => {
    const held = run(underReview(), answered(screenedHeld())).state;
    const step = decide(held, { type: 'flagDecided', at: at(60), decision: 'confirm' }, POLICY);
    expect(step.state.status).toBe('denied');
    expect(step.commands).toContainEqual({
      kind: 'appendTimeline',
      status: 'denied',
      reason: 'FRAUD_CONFIRMED',
      actor: 'analyst',
    });
    expect(published(step.commands)).toMatchObject({ status: 'denied', reason: 'FRAUD_CONFIRMED' });
  });

  it('continues the review when the analyst dismisses, and approves once the rest passed', () => {
    const held = run(underReview(), answered(coverage(['covered'])), answered(screenedHeld())).state;
    const dismissed = decide(held, { type: 'flagDecided', at: at(60), decision: 'dismiss' }, POLICY);
    expect(dismissed.state.status).toBe('in_review');
    expect(dismissed.commands).toContainEqual({
      kind: 'appendTimeline',
      status: 'in_review',
      reason: 'FRAUD_DISMISSED',
      actor: 'analyst',
    });
    expect(decide(dismissed.state, answered(verified()), POLICY).state.status).toBe('approved');
  });

  it('honours a dismissal that arrives before the screening that raised the flag', () => {
    const step = run(
      underReview(),
      { type: 'flagDecided', at: at(1), decision: 'dismiss' },
      answered(screenedHeld()),
      answered(coverage(['covered'])),
      answered(verified()),
    );
    expect(step.state.status).toBe('approved');
  });

  it('keeps the first analyst decision', () => {
    const held = run(underReview(), answered(screenedHeld()), { type: 'flagDecided', at: at(9), decision: 'dismiss' });
    const again = decide(held.state, { type: 'flagDecided', at: at(10), decision: 'confirm' }, POLICY);
    expect(again.state.status).toBe('in_review');
    expect(again.commands).toEqual([]);
  });
});

describe('claim saga: late, duplicate and malformed answers', () => {
  it('ignores an answer delivered twice', () => {
    const once = decide(underReview(), answered(screenedClear()), POLICY);
    const twice = decide(once.state, answered(screenedClear()), POLICY);
    expect(twice.commands).toEqual([]);
    expect(twice.state).toBe(once.state);
  });

  it('keeps the first answer of a check when a different one follows', () => {
    const once = decide(underReview(), answered(screenedClear()), POLICY);
    const second = decide(once.state, answered(screenedHeld()), POLICY);
    expect(second.state.status).toBe('in_review');
    expect(second.state.checks.fraud.answer).toEqual(screenedClear());
  });

  it('ignores answers, decisions and deadlines once the claim is decided', () => {
    const denied = decide(underReview(), answered(notVerified('CONSENT_EXPIRED')), POLICY).state;
    for (const input of [
      answered(coverage(['covered'])),
      answered(screenedHeld()),
      { type: 'flagDecided', at: at(5), decision: 'dismiss' } as const,
      { type: 'deadlinesDue', at: at(3600) } as const,
    ]) {
      const step = decide(denied, input, POLICY);
      expect(step.commands).toEqual([]);
      expect(step.state).toBe(denied);
    }
  });

  it('drops a deadline left on a claim decided elsewhere, so the scan never picks it again', () => {
    const paid = { ...underReview(), status: 'paid' as const };
    const step = decide(paid, { type: 'deadlinesDue', at: at(30) }, POLICY);
    expect(step.commands).toEqual([]);
    expect(step.state.checks.coverage).toMatchObject({ progress: 'cancelled', deadlineAt: null });
  });

  it('rejects a coverage answer that does not judge every line of the claim', () => {
    const claim = underReview(2);
    expect(() => decide(claim, answered(coverage(['covered'])), POLICY)).toThrow(SagaInputError);
  });
});

describe('claim saga: deadlines', () => {
  it('re-asks only the overdue unanswered checks, as attempt 2 with a doubled deadline', () => {
    const claim = run(underReview(), answered(screenedClear())).state;
    const step = decide(claim, { type: 'deadlinesDue', at: at(30) }, POLICY);
    expect(step.commands).toEqual([
      { kind: 'requestCheck', check: 'coverage', attempt: 2 },
      { kind: 'requestCheck', check: 'ledger', attempt: 2 },
    ]);
    expect(step.state.checks.coverage).toMatchObject({ progress: 'pending', attempts: 2, deadlineAt: at(90) });
    expect(step.state.checks.fraud.attempts).toBe(1);
  });

  it('does not re-ask before the deadline', () => {
    const step = decide(underReview(), { type: 'deadlinesDue', at: at(29) }, POLICY);
    expect(step.commands).toEqual([]);
  });

  it('keeps re-asking at the capped interval, so no claim waits for ever', () => {
    let state = underReview();
    let now = at(30);
    const gaps: number[] = [];
    for (let round = 0; round < 6; round++) {
      state = decide(state, { type: 'deadlinesDue', at: now }, POLICY).state;
      const next = state.checks.coverage.deadlineAt!;
      gaps.push((next.getTime() - now.getTime()) / 1000);
      now = next;
    }
    expect(gaps).toEqual([60, 120, 240, 240, 240, 240]);
    expect(state.checks.coverage.attempts).toBe(7);
  });

  it('starts the review when a deadline passes on a claim still received', () => {
    const step = decide(aClaim().build(), { type: 'deadlinesDue', at: at(31) }, POLICY);
    expect(step.state.status).toBe('in_review');
    expect(kinds(step.commands)).toEqual([
      'setStatus',
      'appendTimeline',
      'requestCheck',
      'requestCheck',
      'requestCheck',
    ]);
  });

  it('answers clear the deadline of their check', () => {
    const step = decide(underReview(), answered(verified()), POLICY);
    expect(step.state.checks.ledger).toMatchObject({ progress: 'answered', deadlineAt: null, attempts: 1 });
  });
});

describe('claim saga: pending answers', () => {
  const ledgerPending = (when: Date): SagaInput => ({ type: 'checkPending', at: when, check: 'ledger' });
  const due = (when: Date): SagaInput => ({ type: 'deadlinesDue', at: when });

  it('keeps a pending answer as no decision: the check stays pending with its deadline, and it is counted', () => {
    const claim = run(underReview(), answered(coverage(['covered'])), answered(screenedClear())).state;
    const step = decide(claim, ledgerPending(at(2)), POLICY);
    expect(step.state.status).toBe('in_review');
    expect(step.commands).toEqual([]);
    expect(step.state.checks.ledger).toMatchObject({
      progress: 'pending',
      attempts: 1,
      deadlineAt: at(30),
      pendingAnswers: 1,
    });
  });

  it('re-asks as usual after one pending answer, and asks for a final verdict after two', () => {
    const afterOne = run(underReview(), ledgerPending(at(1)), due(at(30)));
    expect(afterOne.commands).toContainEqual({ kind: 'requestCheck', check: 'ledger', attempt: 2 });
    const afterTwo = run(afterOne.state, ledgerPending(at(31)), due(at(90)));
    expect(afterTwo.commands).toContainEqual({ kind: 'requestCheck', check: 'ledger', attempt: 3, final: true });
    // The other checks, never pending, are re-asked as before.
    expect(afterTwo.commands).toContainEqual({ kind: 'requestCheck', check: 'coverage', attempt: 3 });
  });

  it('decides on the final verdict that follows the pending answers', () => {
    const asked = run(
      underReview(),
      answered(coverage(['covered'])),
      answered(screenedClear()),
      ledgerPending(at(1)),
      due(at(30)),
      ledgerPending(at(31)),
      due(at(90)),
    ).state;
    const step = decide(asked, answered(notVerified('CONSENT_MISSING'), at(91)), POLICY);
    expect(step.state.status).toBe('denied');
    expect(published(step.commands)).toMatchObject({ status: 'denied', reason: 'CONSENT_MISSING' });
  });

  it('ignores a pending answer once the check answered or the claim is decided', () => {
    const answeredClaim = run(underReview(), answered(verified())).state;
    expect(decide(answeredClaim, ledgerPending(at(2)), POLICY).state).toBe(answeredClaim);
    const decided = run(underReview(), answered(notVerified('CONSENT_MISSING'))).state;
    expect(decide(decided, ledgerPending(at(2)), POLICY).state).toBe(decided);
  });
});
