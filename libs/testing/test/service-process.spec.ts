import { freePort, startService } from '../src/index.js';

describe('startService', () => {
  it('fails as soon as the service exits while starting, with its output, instead of waiting out the timeout', async () => {
    const startedAt = Date.now();
    const attempt = startService(
      'gateway',
      { PORTAL_EXPLORER_TX_URL: 'ftp://explorer.example/tx' },
      { port: await freePort(), readyTimeoutMs: 60_000 },
    );

    await expect(attempt).rejects.toThrow(/gateway exited with 1 before it was ready[\s\S]*PORTAL_EXPLORER_TX_URL/);
    // The gateway checks its configuration before it connects to anything: it is gone in a few seconds.
    expect(Date.now() - startedAt).toBeLessThan(30_000);
  });
});
