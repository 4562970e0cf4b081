import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from '#libs/testing';

export interface Child {
  process: ChildProcess;
  output(): string;
  /** Resolves with the signal or exit code once the process is gone. */
  exited: Promise<string>;
  /** Like `exited`, but fails with the child's output when it is still running after `ms`. */
  exitWithin(ms: number): Promise<string>;
}

const running = new Set<Child>();

/** Kills any fixture still running (a test that failed before its child crashed as planned). */
export async function killFixtures(): Promise<void> {
  const left = [...running];
  for (const child of left) child.process.kill('SIGKILL');
  await Promise.all(left.map((child) => child.exited));
}

/** Runs a TypeScript fixture of ../fixtures in its own Node process and waits until it prints `ready`. */
export async function startFixture(name: string, env: Record<string, string>): Promise<Child> {
  const register = fileURLToPath(new URL('./register-ts.mjs', import.meta.url));
  const fixture = fileURLToPath(new URL(`../fixtures/${name}.ts`, import.meta.url));
  const child = spawn(process.execPath, ['--no-warnings', '--import', register, fixture], {
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)),
  );
  const ready = waitFor(() => output.includes('ready'), { what: `${name} to be ready`, timeoutMs: 20000 });
  const died = exited.then((how) => Promise.reject(new Error(`${name} exited (${how}) before it was ready`)));
  try {
    await Promise.race([ready, died]);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- ${name} output ---\n${output}`, { cause: error });
  }
  const exitWithin = (ms: number) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<string>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${name} still runs after ${ms} ms:\n${output}`)), ms);
    });
    return Promise.race([exited, late]).finally(() => clearTimeout(timer));
  };
  const handle: Child = { process: child, output: () => output, exited, exitWithin };
  running.add(handle);
  void exited.then(() => running.delete(handle));
  return handle;
}
