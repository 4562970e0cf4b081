import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deleteStreams } from '#libs/messaging';
import { dropDatabase } from '#libs/persistence';
import { freePort, repoRoot, TEST_NATS_URL, testNamespace, waitFor } from '#libs/testing';
import { sampleClaim } from '../stack/banner.js';
import { STACK_SERVICES, portVariableOf, serviceDatabaseUrl } from '../stack/stack-config.js';

/** Every process below `pid` (the stack's services and chain, and whatever they started). */
function descendantsOf(pid: number): number[] {
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

function isGone(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z') ?? true;
  } catch {
    return true;
  }
}

describe('npm start (the local stack)', () => {
  const namespace = testNamespace('stack');
  let stack: ChildProcess | undefined;
  let output = '';
  const env: Record<string, string> = { BUS_NAMESPACE: namespace, NODE_OPTIONS: '' };

  beforeAll(async () => {
    for (const name of STACK_SERVICES) env[portVariableOf(name)] = String(await freePort());
    env.CHAIN_PORT = String(await freePort());
  });

  afterAll(async () => {
    if (stack && stack.exitCode === null && stack.signalCode === null) stack.kill('SIGKILL');
    await Promise.all(
      STACK_SERVICES.map((name) =>
        dropDatabase(serviceDatabaseUrl('postgres://postgres@127.0.0.1:5432', name, namespace)),
      ),
    );
    await deleteStreams(TEST_NATS_URL, namespace);
  });

  it('comes up, takes a claim with the printed clinic token, and stops everything on Ctrl-C', async () => {
    const root = repoRoot();
    stack = spawn(process.execPath, [join(root, 'dist', 'scripts', 'start-stack.js')], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    stack.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    stack.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => stack?.once('exit', (code) => resolve(code)));

    await waitFor(
      () => {
        if (stack?.exitCode !== null) throw new Error(`the stack exited:\n${output}`);
        return output.includes('The platform is up.');
      },
      { timeoutMs: 120_000, intervalMs: 200, what: `the stack to be up\n${output}` },
    );
    const gateway = `http://127.0.0.1:${env.GATEWAY_PORT}`;
    expect(output).toContain(`${gateway}/docs`);
    expect(output).toContain(`http://127.0.0.1:${env.CHAIN_PORT}`);
    for (const variable of ['ADMIN', 'INSURER', 'CLINIC', 'ANALYST', 'PATIENT']) {
      expect(output).toMatch(new RegExp(`\\n  export ${variable}=ey`));
    }
    expect(output).toMatch(/insurer INS-1.*plan PLAN-1.*member M-1/);
    expect(output).toContain('record REC-DEMO-1 anchored by P-1');

    // The printed clinic token and the printed sample claim: the demo member is covered and has consented,
    // the record is anchored, the clinic is in network and the escrow funded, so the claim is paid on chain.
    const token = /\n {2}export CLINIC=(\S+)/.exec(output)?.[1];
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const submitted = await fetch(`${gateway}/v1/claims`, {
      method: 'POST',
      headers,
      body: JSON.stringify(sampleClaim()),
    });
    expect(submitted.status).toBe(202);
    const { id } = (await submitted.json()) as { id: string };
    const claim = await waitFor(
      async () => {
        const body = (await (await fetch(`${gateway}/v1/claims/${id}`, { headers })).json()) as {
          status: string;
          payout?: { status: string; txHash?: string; blockNumber?: number };
        };
        if (['denied', 'closed', 'payment_failed'].includes(body.status)) throw new Error(JSON.stringify(body));
        return body.status === 'paid' && body;
      },
      { timeoutMs: 60_000, what: 'the sample claim to be paid' },
    );
    expect(claim).toMatchObject({ id, memberId: 'M-1', providerId: 'P-1', currency: 'USD' });
    expect(claim.payout).toMatchObject({ status: 'confirmed', token: 'HCET' });
    expect(claim.payout?.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    const timeline = (await (await fetch(`${gateway}/v1/claims/${id}/timeline`, { headers })).json()) as {
      items: { status: string }[];
    };
    expect(timeline.items.map((item) => item.status)).toEqual(['received', 'in_review', 'approved', 'paid']);

    const children = descendantsOf(stack.pid ?? 0);
    expect(children.length).toBeGreaterThanOrEqual(STACK_SERVICES.length + 1);
    stack.kill('SIGINT');
    expect(await exited).toBe(0);
    await waitFor(() => children.every(isGone), { timeoutMs: 5000, what: 'every process of the stack to be gone' });
    expect(output).toContain('Stopped.');
  });
});
