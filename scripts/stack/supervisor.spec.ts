import { freePort, waitFor } from '#libs/testing';
import type { RestartPolicy } from './restart-policy.js';
import { superviseService, type LaunchSpec, type SupervisedService, type SuperviseOptions } from './supervisor.js';

/** The default policy's shape at test speed: 100 ms doubling to 400 ms; 100 crashes a loop (never, here). */
const FAST: RestartPolicy = {
  initialDelayMs: 100,
  maxDelayMs: 400,
  stableAfterMs: 10_000,
  crashLoopCrashes: 100,
  crashLoopWindowMs: 60_000,
};

/** Says it started, then exits with code 3 after `ms`. */
const crashesAfter = (ms: number) => `console.log('started ' + process.pid); setTimeout(() => process.exit(3), ${ms});`;

/** Serves its MARK variable on its PORT until killed. */
const SERVER = `
  console.log('started ' + process.pid);
  require('node:http').createServer((_, res) => res.end(process.env.MARK)).listen(Number(process.env.PORT), '127.0.0.1');
`;

const running: SupervisedService[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((service) => service.stop(1000)));
});

function supervise(script: string, spec: Partial<LaunchSpec> = {}, options: Partial<SuperviseOptions> = {}) {
  const log: { at: number; line: string }[] = [];
  const service = superviseService(
    {
      name: 'worker',
      command: process.execPath,
      args: ['-e', script],
      cwd: process.cwd(),
      env: { ...process.env, NODE_OPTIONS: '' },
      ...spec,
    },
    { write: (line) => log.push({ at: Date.now(), line }), policy: FAST, ...options },
  );
  running.push(service);
  const lines = () => log.map((entry) => entry.line);
  const firstAt = (pattern: RegExp, from = 0) => log.slice(from).find((entry) => pattern.test(entry.line));
  return { service, log, lines, firstAt };
}

/** A server on a port of its own, ready when it answers. */
async function aServer() {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const ask = () => fetch(url, { signal: AbortSignal.timeout(1000) }).then((response) => response.text());
  const supervised = supervise(SERVER, {
    env: { ...process.env, NODE_OPTIONS: '', PORT: String(port), MARK: 'same env' },
    readyProbe: () => ask().then(() => true as const),
    readyWhat: `${url} answered`,
  });
  await supervised.service.ready();
  return { ...supervised, ask };
}

describe('a supervised process', () => {
  it('is restarted after each crash, the delay doubling up to the cap, and its restarts counted', async () => {
    const { service, log, lines, firstAt } = supervise(crashesAfter(50));
    await waitFor(() => service.restarts() >= 4 && lines().filter((line) => line.includes('started')).length >= 5, {
      timeoutMs: 10_000,
      what: 'four restarts',
    });
    expect(lines().filter((line) => line.includes('restarting'))).toEqual(
      expect.arrayContaining([
        'worker exited (code 3); restarting in 100 ms (restart #1)',
        'worker exited (code 3); restarting in 200 ms (restart #2)',
        'worker exited (code 3); restarting in 400 ms (restart #3)',
        'worker exited (code 3); restarting in 400 ms (restart #4)',
      ]),
    );
    // Each run starts no sooner than its back-off after the crash before it.
    for (const [restart, delayMs] of [
      [2, 200],
      [3, 400],
    ] as const) {
      const announced = firstAt(new RegExp(`\\(restart #${restart}\\)`));
      const next = announced && firstAt(/worker \| started/, log.indexOf(announced));
      expect(next && announced && next.at - announced.at).toBeGreaterThanOrEqual(delayMs - 10);
    }
  });

  it('comes back ready on the same port with the same environment after kill -9 from outside', async () => {
    const { service, lines, ask } = await aServer();
    const firstPid = service.pid();
    process.kill(firstPid ?? 0, 'SIGKILL');
    await waitFor(() => service.restarts() === 1 && service.pid() !== undefined, { what: 'the restart' });
    await service.ready();
    expect(service.pid()).not.toBe(firstPid);
    expect(await ask()).toBe('same env');
    expect(lines()).toContain('worker exited (SIGKILL); restarting in 100 ms (restart #1)');
    await waitFor(() => lines().includes('worker is ready again'), { what: 'the ready-again line' });
  });

  it('answers ready() for the next run when killed through its supervisor', async () => {
    const { service, ask } = await aServer();
    const firstPid = service.pid();
    service.kill('SIGKILL');
    await service.ready();
    expect(service.pid()).not.toBe(firstPid);
    expect(service.restarts()).toBe(1);
    expect(await ask()).toBe('same env');
  });

  it('stays stopped after stop(), which is not a crash', async () => {
    const { service, lines } = await aServer();
    await service.stop(1000);
    expect(service.pid()).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(service.restarts()).toBe(0);
    expect(lines().filter((line) => /restarting|started/.test(line))).toHaveLength(1);
  });

  it('starts nothing once stopped while a restart was pending', async () => {
    const { service, lines } = supervise(
      crashesAfter(50),
      {},
      { policy: { ...FAST, initialDelayMs: 1000, maxDelayMs: 1000 } },
    );
    await waitFor(() => lines().some((line) => line.includes('restarting in 1 s')), { what: 'the first crash' });
    const stopping = service.stop(1000);
    await expect(service.ready()).rejects.toThrow('worker was stopped');
    await stopping;
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(service.restarts()).toBe(0);
    expect(service.pid()).toBeUndefined();
    expect(lines().filter((line) => line.includes('started'))).toHaveLength(1);
  });

  it('says loudly that it is crash-looping, and where its output is, while still restarting it', async () => {
    const { service, lines } = supervise(
      crashesAfter(20),
      {},
      { policy: { ...FAST, initialDelayMs: 20, maxDelayMs: 50, crashLoopCrashes: 3 }, outputLocation: 'in /tmp/w.log' },
    );
    await waitFor(() => service.restarts() >= 4, { timeoutMs: 10_000, what: 'four restarts' });
    const warnings = lines().filter((line) => line.includes('CRASH-LOOPING'));
    expect(warnings[0]).toBe(
      'worker IS CRASH-LOOPING: 3 crashes within 1 min; restarting it every 50 ms until it stays up. ' +
        'Its output is in /tmp/w.log.',
    );
    expect(lines()).toContain('worker exited (code 3); restarting in 50 ms (restart #3)');
  });

  it('is not restarted when its first run exits before it was ever ready', async () => {
    const { service, lines } = supervise('process.exit(1)', {
      readyProbe: () => Promise.resolve('no answer'),
      readyWhat: 'it answered',
    });
    await expect(service.ready()).rejects.toThrow('worker did not start: it exited (code 1) before it answered');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(service.restarts()).toBe(0);
    expect(lines().some((line) => line.includes('restarting'))).toBe(false);
  });

  it('gives up on a first run that is not ready in time, and stops it', async () => {
    const { service } = supervise('setInterval(() => {}, 1000)', {
      readyProbe: () => Promise.resolve('HTTP 503'),
      readyWhat: 'it answered 200',
      readyTimeoutMs: 300,
    });
    await expect(service.ready()).rejects.toThrow(
      'worker did not start: it answered 200 did not happen within 300 ms (last: HTTP 503)',
    );
    await waitFor(() => service.pid() === undefined, { what: 'the process to be stopped' });
    expect(service.restarts()).toBe(0);
  });
});
