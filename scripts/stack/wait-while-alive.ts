import type { ManagedProcess } from './managed-process.js';

/**
 * Polls `probe` until it says yes, but gives up at once when the process dies: a crash at start is
 * not worth waiting out the whole timeout for.
 */
export async function waitWhileAlive(
  managed: ManagedProcess,
  probe: () => Promise<string | true>,
  { timeoutMs, what }: { timeoutMs: number; what: string },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!managed.isRunning()) throw new Error(`${managed.name} exited (${await managed.exited}) before ${what}`);
    const outcome = await probe();
    if (outcome === true) return;
    last = outcome;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms (last: ${last})`);
}
