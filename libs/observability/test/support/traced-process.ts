import { spawn } from 'node:child_process';
import { TEST_OPS_TOKEN, waitFor } from '#libs/testing';

export interface TracedProcess {
  url: string;
  output: () => string;
  /** JSON log lines written to stdout. */
  logLines: () => Record<string, unknown>[];
  /** SIGTERM and wait for the exit: `code` when it exited by itself, `signal` when it re-raised it. */
  stop: () => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `node --import <preload> <main>` like the launcher does and waits for `/health/ready`. */
export async function startTracedProcess(
  preload: string,
  main: string,
  { port, env }: { port: number; env: Record<string, string> },
): Promise<TracedProcess> {
  const child = spawn(process.execPath, ['--import', preload, main], {
    env: { ...process.env, OPS_TOKEN: TEST_OPS_TOKEN, ...env, PORT: String(port), NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const output = () => `${stdout}\n--- stderr ---\n${stderr}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
        return (await fetch(`${url}/health/ready`).catch(() => undefined))?.status === 200;
      },
      { timeoutMs: 30000, intervalMs: 100, what: 'the traced process to be ready' },
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${output()}`, { cause: error });
  }
  const logLines = () =>
    stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { url, output, logLines, stop };
}
