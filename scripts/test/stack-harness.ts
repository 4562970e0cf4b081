import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deleteStreams } from '#libs/messaging';
import { dropDatabase } from '#libs/persistence';
import { freePort, repoRoot, TEST_NATS_URL, waitFor } from '#libs/testing';
import { STACK_SERVICES, portVariableOf, serviceDatabaseUrl } from '../stack/stack-config.js';

/** Every process below `pid` (the stack's services and chain, and whatever they started). */
export function descendantsOf(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name, which is in parentheses and may contain spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Exited while we looked.
    }
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of parentOf) {
      if (ppid === parent) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

/** The command line of a process, arguments joined with spaces ('' once it is gone). */
export function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

export function isGone(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z') ?? true;
  } catch {
    return true;
  }
}

/** How long `npm start` may take to stop its services and chain before they are killed. */
const STOP_GRACE_MS = 20_000;

/** `npm start` as a child process, on ports of its own and under a bus namespace of its own. */
export interface StackRun {
  child: ChildProcess;
  env: Record<string, string>;
  output: () => string;
  /** The stack's exit code. */
  exited: Promise<number | null>;
}

export async function isolatedStackEnv(namespace: string): Promise<Record<string, string>> {
  const env: Record<string, string> = { BUS_NAMESPACE: namespace, NODE_OPTIONS: '' };
  for (const name of STACK_SERVICES) env[portVariableOf(name)] = String(await freePort());
  env.CHAIN_PORT = String(await freePort());
  return env;
}

/**
 * Starts the built `npm start` (dist/scripts/start-stack.js, with `args` as after `npm start --`) and resolves
 * once it says the platform is up.
 */
export async function startStack(env: Record<string, string>, args: string[] = []): Promise<StackRun> {
  const root = repoRoot();
  const child = spawn(process.execPath, [join(root, 'dist', 'scripts', 'start-stack.js'), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const run = { child, env, output: () => output, exited };
  // A stack that exits while starting fails the wait at once: a thrown probe would only be retried until the
  // timeout, two minutes spent waiting for a process that is gone.
  const outcome = await waitFor(
    () => {
      if (child.exitCode !== null || child.signalCode !== null) return 'exited';
      return output.includes('The platform is up.') && 'up';
    },
    { timeoutMs: 120_000, intervalMs: 200, what: `the stack to be up\n${output}` },
  );
  if (outcome === 'exited')
    throw new Error(`the stack exited (${child.exitCode ?? child.signalCode}) before it was up:\n${output}`);
  return run;
}

/**
 * Stops what is left of the stack and drops its databases and streams. `npm start` stops its services and
 * chain on SIGTERM; killing it outright would leave them running (orphans holding ports and CPU), so it gets
 * SIGTERM and a while to stop them, and whatever of its processes is still there after that is killed.
 */
export async function cleanUpStack(run: StackRun | undefined, namespace: string): Promise<void> {
  if (run && run.child.exitCode === null && run.child.signalCode === null) {
    const processes = [...descendantsOf(run.child.pid ?? 0), run.child.pid ?? 0];
    run.child.kill('SIGTERM');
    await Promise.race([run.exited, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS))]);
    for (const pid of processes.filter((pid) => pid > 0 && !isGone(pid))) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone meanwhile.
      }
    }
  }
  await Promise.all(
    STACK_SERVICES.map((name) =>
      dropDatabase(serviceDatabaseUrl('postgres://postgres@127.0.0.1:5432', name, namespace)),
    ),
  );
  await deleteStreams(TEST_NATS_URL, namespace);
}

/** The headers of the clinic token `npm start` printed. */
export function printedClinicHeaders(output: string): Record<string, string> {
  const token = /\n {2}export CLINIC=(\S+)/.exec(output)?.[1];
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

export interface ClaimView {
  id: string;
  status: string;
  payout?: { status: string; txHash?: string; blockNumber?: number };
}

/** Polls a claim through the gateway until it is paid; fails at once if it ends any other way. */
export function waitUntilPaid(gateway: string, id: string, headers: Record<string, string>): Promise<ClaimView> {
  return waitFor(
    async () => {
      const body = (await (await fetch(`${gateway}/v1/claims/${id}`, { headers })).json()) as ClaimView;
      if (['denied', 'closed', 'payment_failed'].includes(body.status)) throw new Error(JSON.stringify(body));
      return body.status === 'paid' && body;
    },
    { timeoutMs: 60_000, what: 'the claim to be paid' },
  );
}
