import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A child process of the stack whose output is shown line by line under its name. */
export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code (or the signal) once the process has exited. */
  exited: Promise<string>;
  isRunning: () => boolean;
  /** True once `stop` was called: an exit after that was asked for. */
  stopRequested: () => boolean;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop: (graceMs: number) => Promise<void>;
}

export interface SpawnOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Where each output line goes, already prefixed with the name. */
  write: (line: string) => void;
  /** Longest name among the siblings, so that prefixes line up. */
  prefixWidth: number;
  /** Told about the process as soon as it exists, so a Ctrl-C during start-up can still stop it. */
  onSpawn?: (managed: ManagedProcess) => void;
}

/**
 * Spawns a child in its own process group. Ctrl-C in a terminal signals the whole foreground group;
 * detaching keeps it from reaching the children directly, so the stack stops them itself, in order,
 * and can escalate to SIGKILL for the whole group (grandchildren included) when one hangs.
 */
export function spawnManaged(name: string, command: string, args: string[], options: SpawnOptions): ManagedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const prefix = `${name.padEnd(options.prefixWidth)} |`;
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (line) => options.write(`${prefix} ${line}`));
  }
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? String(code)));
    child.once('error', (error) => resolve(`failed to start: ${error.message}`));
  });
  const isRunning = () => child.exitCode === null && child.signalCode === null && child.pid !== undefined;
  const signalGroup = (signal: NodeJS.Signals) => {
    if (!child.pid) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  let stopped = false;
  const stop = async (graceMs: number) => {
    stopped = true;
    if (!isRunning()) return;
    signalGroup('SIGTERM');
    const timer = setTimeout(() => {
      options.write(`${prefix} did not stop within ${graceMs} ms: SIGKILL`);
      signalGroup('SIGKILL');
    }, graceMs);
    await exited;
    clearTimeout(timer);
    // Anything the child left behind in its group goes with it.
    signalGroup('SIGKILL');
  };
  const managed = { name, child, exited, isRunning, stop, stopRequested: () => stopped };
  options.onSpawn?.(managed);
  return managed;
}

/** Last resort when the stack itself exits abruptly: kill every child group synchronously. */
export function killAllNow(processes: ManagedProcess[]): void {
  for (const { child } of processes) {
    if (!child.pid) continue;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
