/**
 * What the campaign must undo, in reverse order of doing: processes, then temporary directories. `run`
 * does it properly (on the way out, or after Ctrl-C); `runNow` is the synchronous last resort of an
 * exit hook, for whatever `run` did not get to.
 */
export class Teardown {
  private readonly steps: { what: string; run: () => Promise<void>; now: () => void; done: boolean }[] = [];
  private running: Promise<void> | undefined;

  get empty(): boolean {
    return this.steps.every((step) => step.done);
  }

  add(what: string, run: () => Promise<void>, now: () => void): void {
    this.steps.push({ what, run, now, done: false });
  }

  /** Runs every step once, newest first; a step that fails or hangs does not keep the others from running. */
  run(log: (line: string) => void = () => undefined): Promise<void> {
    this.running ??= (async () => {
      for (const step of [...this.steps].reverse()) {
        if (step.done) continue;
        step.done = true;
        try {
          await withTimeout(step.run(), 30_000, step.what);
        } catch (error) {
          log(`clean-up: ${step.what} failed (${error instanceof Error ? error.message : String(error)}); forcing it`);
          step.now();
        }
      }
    })();
    return this.running;
  }

  runNow(): void {
    for (const step of [...this.steps].reverse()) {
      if (step.done) continue;
      step.done = true;
      try {
        step.now();
      } catch {
        // Nothing more can be done from an exit hook.
      }
    }
  }
}

async function withTimeout(work: Promise<void>, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
