/** What one POST attempt came to, as the load client sees it. */
export type AttemptOutcome =
  | { kind: 'answer'; status: number; problemType?: string; retryAfterSeconds?: number }
  | { kind: 'timeout' }
  | { kind: 'connection-error'; message: string };

const PROBLEM_PREFIX = 'urn:problem:healthclaims:';

/**
 * A well-behaved client of API.md: a 2xx is final; a 5xx, a 429, a 409 "key in use" (the first attempt
 * with this key is still running), a timeout or a lost connection is retried with the same
 * Idempotency-Key; any other 4xx is the client's own mistake and is not.
 */
export function isRetryable(outcome: AttemptOutcome): boolean {
  if (outcome.kind !== 'answer') return true;
  const { status, problemType } = outcome;
  if (status >= 500 || status === 429) return true;
  return status === 409 && problemType === `${PROBLEM_PREFIX}idempotency-key-in-use`;
}

export function isAccepted(outcome: AttemptOutcome): boolean {
  return outcome.kind === 'answer' && outcome.status >= 200 && outcome.status < 300;
}

/** The outcome as counted in the report: "202", "503", "409 idempotency-key-in-use", "timeout", … */
export function outcomeLabel(outcome: AttemptOutcome): string {
  if (outcome.kind !== 'answer') return outcome.kind;
  const kind = outcome.problemType?.startsWith(PROBLEM_PREFIX) ? outcome.problemType.slice(PROBLEM_PREFIX.length) : '';
  return outcome.status === 409 && kind ? `409 ${kind}` : String(outcome.status);
}

/** Retry-After in seconds (delta-seconds form; an HTTP date is not expected from the gateway). */
export function parseRetryAfter(header: string | null): number | undefined {
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

/**
 * Wait before attempt `attempt + 1`: exponential from 200 ms to 5 s with jitter in [50 %, 100 %] (so
 * clients do not come back in step after an outage), never less than the server's Retry-After (capped
 * at 30 s, as a client would not wait for ever on one header).
 */
export function retryDelayMs(attempt: number, retryAfterSeconds: number | undefined, jitter: number): number {
  const backoff = Math.min(5_000, 200 * 2 ** Math.max(0, attempt - 1)) * (0.5 + jitter / 2);
  const floor = Math.min(30, retryAfterSeconds ?? 0) * 1000;
  return Math.round(Math.max(backoff, floor));
}
