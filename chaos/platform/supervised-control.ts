import { sleep, waitFor } from '#libs/testing';
import {
  superviseService,
  type LaunchSpec,
  type SupervisedService,
  type SuperviseOptions,
} from '../../scripts/stack/supervisor.js';
import type { ServiceName } from '../schedule/fault.js';
import type { ServiceControl, ServiceExit } from './service-control.js';

export interface SupervisedControlOptions {
  name: ServiceName;
  url: string;
  spec: LaunchSpec;
  supervise: SuperviseOptions;
  /** Milliseconds since the campaign started, for exit times. */
  clock: () => number;
}

/** The supervisor's line for an exit it restarts after (supervisor.ts: `<name> exited (<how>); restarting …`). */
const EXIT_LINE = /^(\S+) exited \((.+?)\); restarting/;

/**
 * A service under the stack's supervisor (scripts/stack/supervisor.ts), as the fault runner drives it.
 * A kill is the supervisor's own `kill('SIGKILL')`, restarted like any crash. Holding a service down has
 * no counterpart there, so the supervisor is stopped at once (SIGKILL, no restart) and a new one started
 * for the same launch spec when the hold ends. Exits the campaign did not cause are read from the
 * supervisor's log lines.
 */
export function supervisedControl(options: SupervisedControlOptions): ServiceControl {
  const { name } = options;
  const exits: ServiceExit[] = [];
  let killsPending = 0;
  let stopped = false;
  const write = (line: string) => {
    const exit = EXIT_LINE.exec(line);
    // The supervisor names the process as its launch spec does (one of several instances has its own name).
    if (exit && exit[1] === options.spec.name) {
      // Our kill's exit was recorded when we killed; anything else the service did on its own.
      if (exit[2] === 'SIGKILL' && killsPending > 0) killsPending -= 1;
      else exits.push({ atMs: options.clock(), how: exit[2], planned: false });
    }
    options.supervise.write(line);
  };
  const start = (): SupervisedService => {
    const started = superviseService(options.spec, { ...options.supervise, write });
    // A new supervisor gives up on a first run that never gets ready; after a hold, try again.
    started.ready().catch((error: unknown) => {
      if (stopped || current !== started) return;
      write(`[chaos] ${name} did not come back after its hold (${String(error)}); starting it again`);
      current = start();
    });
    return started;
  };
  let current = start();
  const isReady = async () => (await options.spec.readyProbe?.().catch(() => false)) === true;

  return {
    name,
    url: options.url,
    crash: async (holdDownMs = 0) => {
      const victim = current.pid();
      // Not running (a restart of its own pending): there is nothing to kill, and the runner still
      // measures until it is ready.
      if (victim === undefined) return;
      exits.push({ atMs: options.clock(), how: 'SIGKILL', planned: true });
      if (holdDownMs <= 0) {
        killsPending += 1;
        current.kill('SIGKILL');
        // Until it is gone its old socket may still answer "ready": the outage starts at its death.
        await waitFor(() => current.pid() !== victim, { timeoutMs: 10_000, intervalMs: 20, what: `${name} to die` });
        return;
      }
      const held = current;
      held.stopNow();
      await sleep(holdDownMs);
      if (!stopped && current === held) current = start();
    },
    isReady,
    waitReady: async (timeoutMs) => {
      await waitFor(isReady, { timeoutMs, intervalMs: 200, what: `${name} to be ready (${options.url}/health/ready)` });
    },
    exits: () => [...exits],
    stop: async () => {
      stopped = true;
      await current.stop(5_000);
    },
    killNow: () => {
      stopped = true;
      current.stopNow();
    },
  };
}
