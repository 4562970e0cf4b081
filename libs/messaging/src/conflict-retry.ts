import { databaseFailureKind } from '#libs/persistence';

/** How often and how soon a transaction that lost a race (deadlock, serialization failure) is tried again. */
export interface ConflictRetrySettings {
  /** Retries after the first attempt; past them the conflict counts as the handler's own failure. */
  retries: number;
  /** The first retry waits about this long; each further one about twice as long (jittered). */
  baseDelayMs: number;
}

export const DEFAULT_CONFLICT_RETRY: ConflictRetrySettings = { retries: 3, baseDelayMs: 20 };

/**
 * Runs `work` and, when it fails because another transaction won (PostgreSQL 40001, 40P01, 55P03),
 * runs it again after a short jittered pause. A lost race says nothing about the message, and the
 * winner is usually done within milliseconds, so spending one of the message's deliveries on it (and
 * a backoff of seconds) would be waste. Any other failure, or a conflict past `retries`, is rethrown.
 */
export async function retryOnConflict<T>(
  work: () => Promise<T>,
  settings: ConflictRetrySettings = DEFAULT_CONFLICT_RETRY,
  onRetry: (error: unknown) => void = () => undefined,
  random: () => number = Math.random,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= settings.retries || databaseFailureKind(error) !== 'conflict') throw error;
      onRetry(error);
      await new Promise((resolve) => setTimeout(resolve, conflictDelay(attempt, settings.baseDelayMs, random)));
    }
  }
}

/**
 * The pause before retry number `attempt` (0-based): base × 2^attempt, scaled by a random factor in
 * [0.5, 1.5) so two transactions that deadlocked each other do not collide again in lockstep.
 */
export function conflictDelay(attempt: number, baseDelayMs: number, random: () => number = Math.random): number {
  return Math.round(baseDelayMs * 2 ** attempt * (0.5 + random()));
}
