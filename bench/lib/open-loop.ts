/**
 * An open-loop load: requests leave at a fixed rate whatever happens to the earlier ones, as
 * independent clients would send them, so a slow platform meets the same offered load instead of
 * slowing its own load down (as a closed loop does). Each request is timed from the moment it was
 * due, not from when it left, so a load generator that falls behind does not hide the platform's
 * queueing (coordinated omission).
 */
export type Outcome<T> = { kind: 'accepted'; value: T } | { kind: 'shed' };

export interface OpenLoopResult<T> {
  accepted: T[];
  /** Due → answered, of accepted requests. */
  acceptedLatenciesMs: number[];
  /** Requests refused as overload (429), and their latencies. */
  shed: number;
  shedLatenciesMs: number[];
  errors: string[];
  /** First due → last answered. */
  elapsedMs: number;
  /** How far behind schedule the generator sent its latest request (0 when it kept up). */
  maxLagMs: number;
}

/** Due times of `total` requests at `perSecond`, in ms after the start. */
export function schedule(perSecond: number, total: number): number[] {
  return Array.from({ length: total }, (_, index) => (index * 1000) / perSecond);
}

export async function runOpenLoop<T>(
  perSecond: number,
  total: number,
  task: (index: number, dueAtEpochMs: number) => Promise<Outcome<T>>,
): Promise<OpenLoopResult<T>> {
  const result: OpenLoopResult<T> = {
    accepted: [],
    acceptedLatenciesMs: [],
    shed: 0,
    shedLatenciesMs: [],
    errors: [],
    elapsedMs: 0,
    maxLagMs: 0,
  };
  const due = schedule(perSecond, total);
  const started = performance.now();
  const startedEpoch = Date.now();
  const inFlight: Promise<void>[] = [];
  const send = (index: number) => {
    const dueAt = started + due[index];
    result.maxLagMs = Math.max(result.maxLagMs, performance.now() - dueAt);
    inFlight.push(
      task(index, startedEpoch + due[index]).then(
        (outcome) => {
          const latency = performance.now() - dueAt;
          if (outcome.kind === 'accepted') {
            result.accepted.push(outcome.value);
            result.acceptedLatenciesMs.push(latency);
          } else {
            result.shed += 1;
            result.shedLatenciesMs.push(latency);
          }
        },
        (error: unknown) => {
          result.errors.push(error instanceof Error ? error.message : String(error));
        },
      ),
    );
  };
  let next = 0;
  while (next < total) {
    const now = performance.now() - started;
    while (next < total && due[next] <= now) send(next++);
    if (next < total) await new Promise((resolve) => setTimeout(resolve, Math.max(0, due[next] - now)));
  }
  await Promise.all(inFlight);
  result.elapsedMs = performance.now() - started;
  return result;
}
