/**
 * Keeps one process of the platform running. It starts the process and waits until it is ready. When the
 * process exits without being asked to, the supervisor starts it again with the same command, environment
 * and port, after a back-off (restart-policy.ts), and logs each restart.
 *
 * Used by `npm start` (platform-processes.ts) and by the fault campaign (`npm run chaos`):
 *
 *   const billing = superviseService(spec, { write, policy, outputLocation });
 *   await billing.ready();   // the current run is ready; after a crash, waits for the next run. Rejects when
 *                            // the first run never gets ready (it is not restarted) or stop() comes first.
 *   billing.pid();           // the running process, undefined while a restart is pending
 *   billing.restarts();      // how many times it was started again
 *   billing.kill('SIGKILL'); // a crash on purpose (its whole process group); it is restarted like any crash
 *   await billing.stop();    // SIGTERM, SIGKILL after the grace period, and no restart ever after
 *   billing.stopNow();       // SIGKILL at once, synchronously (for process 'exit' handlers)
 *
 * Log lines: `<name> exited (code 1 | SIGKILL); restarting in N s (restart #k)`, `<name> is ready again`,
 * and a loud `<name> IS CRASH-LOOPING: …` with where its output is, while it crashes in a loop.
 */
import { killAllNow, spawnManaged, type ManagedProcess } from './managed-process.js';
import { DEFAULT_RESTART_POLICY, formatDelay, nextRestart, type Crash, type RestartPolicy } from './restart-policy.js';

export interface LaunchSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** `true` once the process serves, else what it answered (for messages). Without it: ready once spawned. */
  readyProbe?: () => Promise<true | string>;
  /** What being ready means, for messages: "http://127.0.0.1:8083/health/ready answered 200". */
  readyWhat?: string;
  /** The first run must be ready within this (default 60 s); a restarted run is waited for as long as it takes. */
  readyTimeoutMs?: number;
}

export interface SuperviseOptions {
  /** Where the process's output lines (prefixed with its name) and the supervisor's own lines go. */
  write: (line: string) => void;
  policy?: RestartPolicy;
  /** Longest name among the siblings, so that output prefixes line up. */
  prefixWidth?: number;
  /** SIGTERM → SIGKILL grace of stop() (default 10 s). */
  stopGraceMs?: number;
  /** Where to read the process's output, for the crash-loop warning. */
  outputLocation?: string;
}

export interface SupervisedService {
  name: string;
  pid: () => number | undefined;
  restarts: () => number;
  kill: (signal?: NodeJS.Signals) => void;
  stop: (graceMs?: number) => Promise<void>;
  stopNow: () => void;
  ready: () => Promise<void>;
}

/** How often a starting process is asked whether it is ready. */
const READY_POLL_MS = 200;
/** Crashes remembered: enough for any crash-loop window and for the back-off to reach its cap. */
const CRASH_HISTORY = 100;

export function superviseService(spec: LaunchSpec, options: SuperviseOptions): SupervisedService {
  const { name } = spec;
  const { write } = options;
  const policy = options.policy ?? DEFAULT_RESTART_POLICY;
  const readyTimeoutMs = spec.readyTimeoutMs ?? 60_000;
  const outputLocation = options.outputLocation ?? `above, prefixed "${name.padEnd(options.prefixWidth ?? 0)} |"`;
  const crashes: Crash[] = [];
  let current: ManagedProcess | undefined;
  let restarts = 0;
  let everReady = false;
  // Set by stop() and by a failed first start: from then on nothing is spawned.
  let stopping = false;
  let pendingRestart: NodeJS.Timeout | undefined;
  let readiness = newReadiness();

  const start = () => {
    const startedAt = Date.now();
    const run = spawnManaged(name, spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      write,
      prefixWidth: options.prefixWidth ?? 0,
    });
    current = run;
    void awaitReady(run);
    void run.exited.then((how) => onExit(run, how, startedAt));
  };

  const isCurrent = (run: ManagedProcess) => current === run && run.isRunning() && !stopping;

  async function awaitReady(run: ManagedProcess): Promise<void> {
    const deadline = Date.now() + readyTimeoutMs;
    let warned = false;
    while (isCurrent(run)) {
      const outcome = spec.readyProbe ? await spec.readyProbe().catch((error: unknown) => String(error)) : true;
      if (!isCurrent(run)) return;
      if (outcome === true) return becameReady();
      if (Date.now() > deadline && !warned) {
        warned = true;
        const reason = `${spec.readyWhat ?? 'readiness'} did not happen within ${readyTimeoutMs} ms (last: ${outcome})`;
        if (!everReady) return failFirstStart(reason);
        write(
          `${name} is not ready ${formatDelay(readyTimeoutMs)} after its restart (last: ${outcome}); still waiting`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
    }
  }

  function becameReady(): void {
    if (everReady) write(`${name} is ready again`);
    everReady = true;
    readiness.resolve();
  }

  /** A process that never came up is broken, not unlucky: restarting it would only loop. */
  function failFirstStart(reason: string): void {
    stopping = true;
    readiness.reject(new Error(`${name} did not start: ${reason}`));
    void current?.stop(3000);
  }

  function onExit(run: ManagedProcess, how: string, startedAt: number): void {
    if (stopping || run.stopRequested()) return;
    // Whatever it started goes with it, so the next run finds its port free.
    killAllNow([run]);
    if (!everReady)
      return failFirstStart(`it exited (${describeExit(how)}) before ${spec.readyWhat ?? 'it was ready'}`);
    crashes.push({ startedAt, exitedAt: Date.now() });
    if (crashes.length > CRASH_HISTORY) crashes.shift();
    if (readiness.settled) readiness = newReadiness();
    const decision = nextRestart(crashes, policy);
    const delay = formatDelay(decision.delayMs);
    write(`${name} exited (${describeExit(how)}); restarting in ${delay} (restart #${restarts + 1})`);
    if (decision.crashLooping) {
      write(
        `${name} IS CRASH-LOOPING: ${decision.recentCrashes} crashes within ${formatDelay(policy.crashLoopWindowMs)}; ` +
          `restarting it every ${delay} until it stays up. Its output is ${outputLocation}.`,
      );
    }
    pendingRestart = setTimeout(() => {
      pendingRestart = undefined;
      // A stop() that came while waiting wins: nothing may start once shutdown has begun.
      if (stopping) return;
      restarts++;
      start();
    }, decision.delayMs);
  }

  const cancelRestart = () => {
    stopping = true;
    clearTimeout(pendingRestart);
    pendingRestart = undefined;
    if (!readiness.settled) readiness.reject(new Error(`${name} was stopped`));
  };

  start();
  return {
    name,
    pid: () => (current?.isRunning() ? current.child.pid : undefined),
    restarts: () => restarts,
    kill: (signal = 'SIGKILL') => {
      if (!current?.isRunning() || !current.child.pid) return;
      // ready() called right after this must wait for the next run, not answer for this one.
      if (readiness.settled && !stopping) readiness = newReadiness();
      try {
        process.kill(-current.child.pid, signal);
      } catch {
        // It exited meanwhile: the supervisor is already on it.
      }
    },
    stop: async (graceMs = options.stopGraceMs ?? 10_000) => {
      cancelRestart();
      await current?.stop(graceMs);
    },
    stopNow: () => {
      cancelRestart();
      if (current) killAllNow([current]);
    },
    ready: () => readiness.promise,
  };
}

/** `0`/`1` as `code 1`, signals as they are. */
export function describeExit(how: string): string {
  return /^\d+$/.test(how) ? `code ${how}` : how;
}

interface Readiness {
  promise: Promise<void>;
  settled: boolean;
  resolve: () => void;
  reject: (error: Error) => void;
}

function newReadiness(): Readiness {
  let settle!: { resolve: () => void; reject: (error: Error) => void };
  const promise = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  // Whoever asks ready() sees the rejection; nobody asking must not crash the process with an unhandled one.
  promise.catch(() => undefined);
  const readiness: Readiness = {
    promise,
    settled: false,
    resolve: () => {
      readiness.settled = true;
      settle.resolve();
    },
    reject: (error) => {
      readiness.settled = true;
      settle.reject(error);
    },
  };
  return readiness;
}
