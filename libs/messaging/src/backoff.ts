/** How long a failed message waits before its next delivery, growing with each attempt. */
export interface BackoffOptions {
  /** Delay after the first failed delivery. */
  initialMs: number;
  /** Multiplier per further failed delivery. */
  factor: number;
  /** Upper bound, so a message never waits longer than this between attempts. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1000, factor: 2, maxMs: 60_000 };

/**
 * The nak delay after delivery number `deliveryCount` (1-based) failed: initial, initial×factor, …,
 * capped at `maxMs`. Deterministic on purpose: redeliveries are already spread by their arrival times.
 */
export function backoffDelay(deliveryCount: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const attempt = Math.max(1, Math.floor(deliveryCount));
  const delay = options.initialMs * options.factor ** (attempt - 1);
  return Math.round(Math.min(options.maxMs, delay));
}
