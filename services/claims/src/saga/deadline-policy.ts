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
