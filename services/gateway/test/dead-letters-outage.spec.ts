import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { freePort, waitFor } from '#libs/testing';
import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import { PROBLEM_JSON, request } from './support/http-client.js';

/** The admin endpoints when the bus is gone: a private NATS (never the shared one) is killed under the gateway. */
describe('admin dead-letter endpoints during a NATS outage', () => {
  let nats: ChildProcess;
  let storeDir: string;
  let gateway: GatewayHarness;

  beforeAll(async () => {
    const port = await freePort();
    storeDir = mkdtempSync(join(tmpdir(), 'gw-dlq-nats-'));
    nats = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], { stdio: 'ignore' });
    const natsUrl = `nats://127.0.0.1:${port}`;
    await waitFor(
      async () => {
        const probe = await connect({ servers: natsUrl }).catch(() => null);
        await probe?.close();
        return probe !== null;
      },
      { what: 'the private nats-server' },
    );
    gateway = await startGateway({ NATS_URL: natsUrl });
  });
  afterAll(async () => {
    await gateway?.stop();
    if (nats.exitCode === null && nats.signalCode === null) nats.kill('SIGKILL');
    rmSync(storeDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After, not 500, when the bus cannot be reached', async () => {
    const admin = await gateway.token({ role: 'admin' });
    expect((await request('GET', `${gateway.url}/v1/admin/dead-letters`, undefined, { token: admin })).status).toBe(
      200,
    );

    nats.kill('SIGKILL');
    await new Promise((resolve) => nats.once('exit', resolve));
    const response = await request('GET', `${gateway.url}/v1/admin/dead-letters`, undefined, { token: admin });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
    expect(response.headers.get('retry-after')).toBe('1');
  });
});
