import { CHECKS, type CheckName } from '#libs/contracts';
import type { CheckAnswer, CheckProgress, SagaChecks } from './saga-state.js';

/**
 * A check's progress as stored in `claim_sagas.checks` (dates as ISO strings inside JSON). That row is
 * the saga's own memory per claim, locked while an answer or a deadline is handled; `next_deadline_at`
 * is the earliest deadline of the checks still out, so the scanner reads one index.
 */
export interface StoredCheck {
  progress: CheckProgress;
  attempts: number;
  deadlineAt: string | null;
  answer: CheckAnswer | null;
  pendingAnswers?: number;
}

/** Checks as stored in the saga row's JSON (dates as ISO strings). */
export function toStoredChecks(checks: SagaChecks): Record<CheckName, StoredCheck> {
  const stored = {} as Record<CheckName, StoredCheck>;
  for (const check of CHECKS) {
    const { deadlineAt, ...rest } = checks[check];
    stored[check] = { ...rest, deadlineAt: deadlineAt ? deadlineAt.toISOString() : null };
  }
  return stored;
}

export function fromStoredChecks(stored: Record<CheckName, StoredCheck>): SagaChecks {
  const checks = {} as Record<CheckName, unknown>;
  for (const check of CHECKS) {
    const { deadlineAt, ...rest } = stored[check];
    checks[check] = { ...rest, deadlineAt: deadlineAt ? new Date(deadlineAt) : null };
  }
  return checks as SagaChecks;
}

/** The earliest deadline of the checks still out: what the scanner's index is on. */
export function nextDeadline(checks: SagaChecks): Date | null {
  let earliest: Date | null = null;
  for (const check of CHECKS) {
    const { progress, deadlineAt } = checks[check];
    if (progress === 'pending' && deadlineAt && (!earliest || deadlineAt < earliest)) earliest = deadlineAt;
  }
  return earliest;
}
