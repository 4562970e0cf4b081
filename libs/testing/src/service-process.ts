import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait.js';

/** The repository root, found from this file whether it runs from `libs/` (jest) or `dist/libs/`. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || dir.endsWith('dist')) dir = dirname(dir);
  return dir;
}

export interface ServiceProcess {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  /** Everything the process wrote, for assertions and for failure messages. */
  output: () => string;
  /** SIGTERM and wait for exit (graceful shutdown). */
  stop: () => Promise<void>;
  /** SIGKILL and wait for exit (a crash). */
  kill: () => Promise<void>;
}

/**
 * Starts one built service (`dist/services/<name>/src/main.js`) as its own process, the way
 * `npm start` runs it (telemetry preloaded), and waits until `/health/ready` answers 200.
 * Run `npm run build` first (`npm test` does).
 */
const running = new Map<ChildProcess, NodeJS.Signals>();
let exitHookInstalled = false;

/**
 * A test that fails before its clean-up (a timeout, a crash of the runner) must not leave services
 * running: whatever is still alive when this process exits gets `signal` (SIGKILL by default; a
 * process that stops children of its own wants SIGTERM).
 */
export function killOnExit(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => running.forEach((how, alive) => alive.kill(how)));
  }
  running.set(child, signal);
  child.once('exit', () => running.delete(child));
}

export async function startService(
  name: string,
  env: Record<string, string>,
  { port, readyTimeoutMs = 30000 }: { port: number; readyTimeoutMs?: number },
): Promise<ServiceProcess> {
  const root = repoRoot();
  const main = join(root, 'dist', 'services', name, 'src', 'main.js');
  const preload = join(root, 'dist', 'libs', 'observability', 'src', 'preload.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  const args = existsSync(preload) ? ['--import', preload, main] : [main];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killOnExit(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  try {
    // A service that exits while starting fails the wait at once (a thrown probe would only be retried until
    // the timeout, waiting for a process that is gone).
    const outcome = await waitFor(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) return 'exited';
        const response = await fetch(`${url}/health/ready`).catch(() => undefined);
        return response?.status === 200 && 'ready';
      },
      { timeoutMs: readyTimeoutMs, intervalMs: 100, what: `${name} to be ready` },
    );
    if (outcome === 'exited')
      throw new Error(`${name} exited with ${child.exitCode ?? child.signalCode} before it was ready`);
  } catch (error) {
    await stopWith('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- ${name} output ---\n${output}`, { cause: error });
  }
  return {
    name,
    port,
    url,
    child,
    output: () => output,
    stop: () => stopWith('SIGTERM'),
    kill: () => stopWith('SIGKILL'),
  };
}
