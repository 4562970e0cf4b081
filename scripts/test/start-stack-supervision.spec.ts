import { testNamespace, waitFor } from '#libs/testing';
import { sampleClaim } from '../stack/banner.js';
import { STACK_SERVICES } from '../stack/stack-config.js';
import {
  cleanUpStack,
  commandLineOf,
  descendantsOf,
  isGone,
  isolatedStackEnv,
  printedClinicHeaders,
  startStack,
  waitUntilPaid,
  type StackRun,
} from './stack-harness.js';

/** The stack's process of each service and of the chain, found by command line under the stack's pid. */
function processesOf(stack: StackRun): Record<string, number | undefined> {
  const children = descendantsOf(stack.child.pid ?? 0).map((pid) => ({ pid, command: commandLineOf(pid) }));
  const entries = STACK_SERVICES.map((name) => [
    name,
    children.find(({ command }) => command.includes(`dist/services/${name}/src/main.js`))?.pid,
  ]);
  const chain = children.find(({ command }) => /hardhat.* node /.test(`${command} `))?.pid;
  return { ...Object.fromEntries(entries), chain };
}

async function blockNumber(rpcUrl: string): Promise<number> {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }),
  });
  return Number.parseInt(((await response.json()) as { result: string }).result, 16);
}

describe('npm start supervises its processes', () => {
  const namespace = testNamespace('supervise');
  let stack: StackRun | undefined;

  let env: Record<string, string> = {};

  beforeAll(async () => {
    env = await isolatedStackEnv(namespace);
    stack = await startStack(env);
  }, 150_000);

  afterAll(() => cleanUpStack(stack, namespace));

  it('restarts a service killed with kill -9 while the rest, the chain included, keeps running', async () => {
    if (!stack) throw new Error('the stack did not start');
    const chainUrl = `http://127.0.0.1:${env.CHAIN_PORT}`;
    const before = processesOf(stack);
    expect(Object.values(before).every(Boolean)).toBe(true);
    const blocksBefore = await blockNumber(chainUrl);
    expect(blocksBefore).toBeGreaterThan(0);

    process.kill(before.billing ?? 0, 'SIGKILL');
    await waitFor(() => stack?.output().includes('billing is ready again'), {
      timeoutMs: 60_000,
      what: `billing to be ready again\n${stack.output()}`,
    });
    expect(stack.output()).toContain('billing exited (SIGKILL); restarting in 1 s (restart #1)');
    const ready = await fetch(`http://127.0.0.1:${env.BILLING_PORT}/health/ready`);
    expect(ready.status).toBe(200);

    const after = processesOf(stack);
    expect(after.billing).toBeDefined();
    expect(after.billing).not.toBe(before.billing);
    // Every other process is the very one that was running before: nothing else was restarted.
    expect({ ...after, billing: undefined }).toEqual({ ...before, billing: undefined });
    expect(await blockNumber(chainUrl)).toBeGreaterThanOrEqual(blocksBefore);

    // A claim after the restart is priced by the new billing and paid on the chain that kept its contracts.
    const gateway = `http://127.0.0.1:${env.GATEWAY_PORT}`;
    const headers = printedClinicHeaders(stack.output());
    const submitted = await fetch(`${gateway}/v1/claims`, {
      method: 'POST',
      headers,
      body: JSON.stringify(sampleClaim()),
    });
    expect(submitted.status).toBe(202);
    const { id } = (await submitted.json()) as { id: string };
    const claim = await waitUntilPaid(gateway, id, headers);
    expect(claim.payout).toMatchObject({ status: 'confirmed' });
    expect(claim.payout?.blockNumber).toBeGreaterThan(blocksBefore);
  }, 90_000);

  it('stops the whole stack, saying why, when the embedded chain dies', async () => {
    if (!stack) throw new Error('the stack did not start');
    const processes = Object.values(processesOf(stack)).filter((pid): pid is number => pid !== undefined);
    const chain = processesOf(stack).chain;
    process.kill(chain ?? 0, 'SIGKILL');
    expect(await stack.exited).toBe(1);
    const output = stack.output();
    expect(output).toContain('The embedded chain exited (SIGKILL)');
    expect(output).toContain('Run npm start again for a fresh platform, or set CHAIN_RPC_URL');
    expect(output).not.toMatch(/chain exited .*restarting/);
    await waitFor(() => processes.every(isGone), { timeoutMs: 5000, what: 'every process of the stack to be gone' });
    expect(output).toContain('Stopped.');
  });
});
