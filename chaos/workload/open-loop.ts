export interface OpenLoopResult {
  elapsedMs: number;
  /** The most a claim left after its slot, because `maxInFlight` claims were still being retried. */
  maxLagMs: number;
}

/**
 * Starts task `i` at `i / ratePerSecond` seconds, whatever became of the earlier ones (an open loop:
 * clinics keep sending during an outage), with at most `maxInFlight` unfinished at once so that a long
 * outage does not pile up thousands of retrying clients. Resolves when every task has finished.
 */
export async function runOpenLoop(
  total: number,
  ratePerSecond: number,
  maxInFlight: number,
  task: (index: number) => Promise<void>,
  signal: AbortSignal,
): Promise<OpenLoopResult> {
  const started = Date.now();
  let inFlight = 0;
  let maxLagMs = 0;
  let slotFreed: () => void = () => undefined;
  const running: Promise<void>[] = [];
  for (let index = 0; index < total && !signal.aborted; index += 1) {
    const due = started + (index * 1000) / ratePerSecond;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    while (inFlight >= maxInFlight) await new Promise<void>((resolve) => (slotFreed = resolve));
    maxLagMs = Math.max(maxLagMs, Date.now() - due);
    inFlight += 1;
    running.push(
      task(index).finally(() => {
        inFlight -= 1;
        slotFreed();
      }),
    );
  }
  await Promise.all(running);
  return { elapsedMs: Date.now() - started, maxLagMs };
}
