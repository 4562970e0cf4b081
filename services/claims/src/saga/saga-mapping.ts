import { CHECKS, type CheckName } from '#libs/contracts';
import type { StoredCheck } from './claim-saga.entity.js';
import type { SagaChecks } from './saga-state.js';

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
