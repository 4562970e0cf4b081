import { testNamespace, waitFor } from '#libs/testing';
import { sampleClaim } from '../stack/banner.js';
import { STACK_SERVICES } from '../stack/stack-config.js';
import {
  cleanUpStack,
  descendantsOf,
  isGone,
  isolatedStackEnv,
  printedClinicHeaders,
  startStack,
  waitUntilPaid,
  type StackRun,
} from './stack-harness.js';

describe('npm start (the local stack)', () => {
  const namespace = testNamespace('stack');
  let stack: StackRun | undefined;

  afterAll(() => cleanUpStack(stack, namespace));

  it('comes up, takes a claim with the printed clinic token, and stops everything on Ctrl-C', async () => {
    const env = await isolatedStackEnv(namespace);
    stack = await startStack(env);
    const output = stack.output();
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
    const headers = printedClinicHeaders(output);
    const submitted = await fetch(`${gateway}/v1/claims`, {
      method: 'POST',
      headers,
      body: JSON.stringify(sampleClaim()),
    });
    expect(submitted.status).toBe(202);
    const { id } = (await submitted.json()) as { id: string };
    const claim = await waitUntilPaid(gateway, id, headers);
    expect(claim).toMatchObject({ id, memberId: 'M-1', providerId: 'P-1', currency: 'USD' });
    expect(claim.payout).toMatchObject({ status: 'confirmed', token: 'HCET' });
    expect(claim.payout?.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    const timeline = (await (await fetch(`${gateway}/v1/claims/${id}/timeline`, { headers })).json()) as {
      items: { status: string }[];
    };
    expect(timeline.items.map((item) => item.status)).toEqual(['received', 'in_review', 'approved', 'paid']);

    const children = descendantsOf(stack.child.pid ?? 0);
    expect(children.length).toBeGreaterThanOrEqual(STACK_SERVICES.length + 1);
    stack.child.kill('SIGINT');
    expect(await stack.exited).toBe(0);
    await waitFor(() => children.every(isGone), { timeoutMs: 5000, what: 'every process of the stack to be gone' });
    expect(stack.output()).toContain('Stopped.');
  });
});
