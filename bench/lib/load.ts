/**
 * Runs `total` tasks keeping `concurrency` in flight (a closed-loop load: a new request leaves as soon
 * as one returns), and records how long each took. Errors are counted, not thrown, so one failed
 * request shows in the report instead of ending the run.
 */
export interface LoadResult<T> {
  results: T[];
  latenciesMs: number[];
  errors: string[];
  elapsedMs: number;
}

export async function runClosedLoop<T>(
  total: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
): Promise<LoadResult<T>> {
  const results: T[] = [];
  const latenciesMs: number[] = [];
  const errors: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const index = next++;
      const started = performance.now();
      try {
        results.push(await task(index));
        latenciesMs.push(performance.now() - started);
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return { results, latenciesMs, errors, elapsedMs: performance.now() - started };
}
