import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { deleteStreams } from '#libs/messaging';
import { dropDatabase } from '#libs/persistence';
import { freePort, killOnExit, repoRoot, TEST_NATS_URL, testNamespace, waitFor } from '#libs/testing';
import { STACK_SERVICES, portVariableOf, serviceDatabaseUrl } from '../../../scripts/stack/stack-config.js';

/**
 * The whole platform the way `npm start` runs it (the same script, every service its own process, the
 * embedded chain, the demo seed), on free ports, its own databases and a bus namespace of its own, so
 * the end-to-end journeys run beside a local stack and leave nothing behind.
 */
export interface Platform {
  gatewayUrl: string;
  chainRpcUrl: string;
  /** Each service's database (`claims`, …, `gateway`), for a test that looks at what was stored. */
  databaseUrls: Readonly<Record<string, string>>;
  /** The development token `npm start` printed for a role: ADMIN, INSURER, CLINIC, ANALYST or PATIENT. */
  tokenOf(variable: string): string;
  /** The database of one service of the stack (`hc_<namespace>_<service>`), to look at it directly. */
  databaseUrlOf(service: (typeof STACK_SERVICES)[number]): string;
  /** Everything the stack printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export async function startPlatform(label: string, extraEnv: Record<string, string> = {}): Promise<Platform> {
  const namespace = testNamespace(label);
  const env: Record<string, string> = { BUS_NAMESPACE: namespace, NODE_OPTIONS: '', ...extraEnv };
  for (const name of STACK_SERVICES) env[portVariableOf(name)] = String(await freePort());
  env.CHAIN_PORT = String(await freePort());

  const databaseUrlOf = (service: string) =>
    serviceDatabaseUrl('postgres://postgres@127.0.0.1:5432', service, namespace);
  let output = '';
  const root = repoRoot();
  const stack: ChildProcess = spawn(process.execPath, [join(root, 'dist', 'scripts', 'start-stack.js')], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The stack stops its own services on SIGTERM; SIGKILL would orphan them.
  killOnExit(stack, 'SIGTERM');
  stack.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  stack.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => stack.once('exit', () => resolve()));

  const stop = async () => {
    if (stack.exitCode === null && stack.signalCode === null) {
      stack.kill('SIGINT');
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (grace = setTimeout(resolve, 20_000)))]);
      // Cleared, or the timer alone would hold the test process 20 s after the stack is gone.
      clearTimeout(grace);
      if (stack.exitCode === null && stack.signalCode === null) stack.kill('SIGKILL');
    }
    await deleteStreams(TEST_NATS_URL, namespace).catch(() => undefined);
    await Promise.all(STACK_SERVICES.map((name) => dropDatabase(databaseUrlOf(name))));
  };

  try {
    await waitFor(
      () => {
        if (stack.exitCode !== null) throw new Error(`the stack exited:\n${output}`);
        return output.includes('The platform is up.');
      },
      { timeoutMs: 180_000, intervalMs: 200, what: 'the platform to be up' },
    );
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    gatewayUrl: `http://127.0.0.1:${env.GATEWAY_PORT}`,
    chainRpcUrl: `http://127.0.0.1:${env.CHAIN_PORT}`,
    databaseUrls: Object.fromEntries(
      STACK_SERVICES.map((name) => [name, serviceDatabaseUrl('postgres://postgres@127.0.0.1:5432', name, namespace)]),
    ),
    tokenOf: (variable) => {
      const match = new RegExp(`\\n {2}export ${variable}=(ey\\S+)`).exec(output);
      if (!match?.[1]) throw new Error(`npm start printed no token for ${variable}:\n${output}`);
      return match[1];
    },
    databaseUrlOf,
    output: () => output,
    stop,
  };
}
