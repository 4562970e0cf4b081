import { freePort, testNamespace, waitFor } from '#libs/testing';
import { sampleClaim } from '../stack/banner.js';
import { cleanUpStack, isolatedStackEnv, printedClinicHeaders, startStack, type StackRun } from './stack-harness.js';

/**
 * Issue 18: `npm start -- --traces` runs a local trace viewer the services export to, and prints each finished
 * trace as one line named by its route.
 */
describe('npm start -- --traces', () => {
  const namespace = testNamespace('stacktr');
  let stack: StackRun | undefined;

  afterAll(() => cleanUpStack(stack, namespace));

  it('prints a submitted claim’s trace as one line, named by route, through the services it hopped', async () => {
    const env: Record<string, string> = {
      ...(await isolatedStackEnv(namespace)),
      TRACES_PORT: String(await freePort()),
    };
    stack = await startStack(env, ['--traces']);
    const viewer = `http://127.0.0.1:${env.TRACES_PORT}`;
    expect(stack.output()).toContain(`  traces          ${viewer}/`);

    const traceId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const submitted = await fetch(`http://127.0.0.1:${env.GATEWAY_PORT}/v1/claims`, {
      method: 'POST',
      headers: { ...printedClinicHeaders(stack.output()), traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      body: JSON.stringify(sampleClaim()),
    });
    expect(submitted.status).toBe(202);

    const line = await waitFor(
      () =>
        stack
          ?.output()
          .split('\n')
          .find((candidate) => candidate.includes(`trace ${traceId}`)),
      { timeoutMs: 30_000, what: `the line of trace ${traceId}` },
    );
    expect(line).toMatch(new RegExp(`^trace {2}POST /v1/claims 202 in [\\d.]+ ms · \\d+ spans over [\\d.]+ ms`));
    expect(line).toMatch(/ · gateway → claims( → [a-z-]+)* · /);
    // The demo seeding's calls, made before the banner, are on the page but not printed.
    expect(stack.output()).not.toMatch(/^trace {2}\w+ \/v1\/(insurers|plans|providers|members|consents|records)/m);

    const page = await (await fetch(`${viewer}/`)).text();
    expect(page).toContain(traceId);
    expect(page).toMatch(/gateway {2}POST \/v1\/claims {2}\+0\.0 ms/);
  });
});
