import type { CheckState } from './saga-state.js';

/**
 * How long the saga waits for a check before asking again: the base deadline doubled per attempt and
 * capped, so a slow checking service is not flooded and a lost message still gets re-asked forever
 * at the cap (no claim waits for ever on a lost message).
 */
export interface DeadlinePolicy {
  baseMs: number;
  maxMs: number;
}

export function deadlineAfter(at: Date, attempt: number, policy: DeadlinePolicy): Date {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const waitMs = Math.min(policy.baseMs * 2 ** exponent, policy.maxMs);
  return new Date(at.getTime() + waitMs);
}

/**
 * A check may answer "pending" when it cannot judge yet (the ledger bridge, while a party's registration
 * travels on another stream). The saga keeps asking on its deadlines, and once the check has answered
 * pending this many times the next ask demands a final verdict on what the check knows by then: with the
 * deadlines above, the third ask, about 90 s (base 30 s) after the submission.
 */
export const PENDING_ANSWERS_BEFORE_FINAL = 2;

/** Whether the next ask of `check` must demand a final verdict rather than accept another pending answer. */
export function asksForFinalVerdict(check: Pick<CheckState, 'pendingAnswers'>): boolean {
  return (check.pendingAnswers ?? 0) >= PENDING_ANSWERS_BEFORE_FINAL;
}
