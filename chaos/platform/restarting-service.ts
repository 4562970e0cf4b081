import { waitFor } from '#libs/testing';
import { killAllNow, spawnManaged, type ManagedProcess } from '../../scripts/stack/managed-process.js';
import { builtFiles } from '../../scripts/stack/service-runner.js';
import type { ServiceName } from '../schedule/fault.js';
import type { ServiceControl, ServiceExit } from './service-control.js';

export interface RestartingServiceOptions {
  name: ServiceName;
  port: number;
  env: Record<string, string>;
  root: string;
  /** Where its output goes, a line at a time (a log file). */
  write: (line: string) => void;
  /** Milliseconds since the campaign started, for exit times. */
  clock: () => number;
}

/** Restart delay after an exit: 250 ms, doubling per exit in a row that came soon after a start, up to 5 s. */
export function restartDelayMs(quickExitsInARow: number): number {
  return Math.min(5_000, 250 * 2 ** Math.max(0, quickExitsInARow - 1));
}

/** A run shorter than this that ends in an exit counts toward the back-off. */
const QUICK_EXIT_MS = 30_000;

/**
 * One service process kept running: when it exits, for whatever reason, it is started again after a
 * back-off (so a service that cannot reach its database yet does not spin), unless it is held down
 * or stopped. The campaign's stand-in for the stack's supervisor.
 */
export function superviseService(options: RestartingServiceOptions): ServiceControl {
  const { main, preload } = builtFiles(options.root, options.name);
  const url = `http://127.0.0.1:${options.port}`;
  const exits: ServiceExit[] = [];
  let current: ManagedProcess | undefined;
  let stopped = false;
  let plannedExit = false;
  let heldUntil = 0;
  let quickExits = 0;
  let restartTimer: NodeJS.Timeout | undefined;

  const launch = () => {
    restartTimer = undefined;
    if (stopped) return;
    const startedAt = Date.now();
    const managed = spawnManaged(options.name, process.execPath, ['--import', preload, main], {
      cwd: options.root,
      env: { ...process.env, NODE_OPTIONS: '', ...options.env },
      write: options.write,
      prefixWidth: 0,
    });
    current = managed;
    void managed.exited.then((how) => {
      const planned = plannedExit;
      exits.push({ atMs: options.clock(), how, planned });
      plannedExit = false;
      if (stopped) return;
      // A kill of ours is not a fault of the service: only its own quick exits lengthen the back-off.
      quickExits = !planned && Date.now() - startedAt < QUICK_EXIT_MS ? quickExits + 1 : 0;
      const delay = Math.max(restartDelayMs(quickExits), heldUntil - Date.now());
      options.write(`[chaos] ${options.name} exited (${how}); restarting in ${delay} ms`);
      restartTimer = setTimeout(launch, delay);
    });
  };

  const isReady = async () => {
    const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
    return response?.status === 200;
  };

  launch();
  return {
    name: options.name,
    url,
    crash: async (holdDownMs = 0) => {
      const victim = current;
      if (!victim?.isRunning()) return;
      heldUntil = Date.now() + holdDownMs;
      plannedExit = true;
      killAllNow([victim]);
      await victim.exited;
    },
    isReady,
    waitReady: async (timeoutMs) => {
      await waitFor(isReady, { timeoutMs, intervalMs: 200, what: `${options.name} to be ready (${url}/health/ready)` });
    },
    exits: () => [...exits],
    stop: async () => {
      stopped = true;
      clearTimeout(restartTimer);
      await current?.stop(5_000);
    },
    killNow: () => {
      stopped = true;
      clearTimeout(restartTimer);
      if (current) killAllNow([current]);
    },
  };
}
