import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import { BusNamespace, RpcPatterns } from '#libs/contracts';
import { freePort, repoRoot, TEST_NATS_URL, testDatabaseUrl, waitFor } from '#libs/testing';
import { startChain, type RunningChain } from '../../scripts/chain.js';
import { call } from './support/http.js';
import { startApiStack, type ApiStack } from './support/api-stack.js';

const MISSING_CLAIM = '5c0e1a52-33b7-4d5c-8f0e-0d6f3f1a9b22';

/**
 * The audit trail end to end: the gateway records reads, anchors its chain's head every second through the
 * real ledger bridge on a private chain, and `audit:verify` (the built script, as an operator runs it)
 * recomputes the chain and finds each anchor's event on chain, until a row is altered by hand.
 */
describe('audit trail anchored on chain and verified', () => {
  let chain: RunningChain;
  let stack: ApiStack;
  let gatewayDb: pg.Client;
  let nc: NatsConnection;

  beforeAll(async () => {
    chain = await startChain({ port: await freePort(), write: () => undefined });
    stack = await startApiStack('apiaudit', { CHAIN_RPC_URL: chain.rpcUrl, AUDIT_ANCHOR_INTERVAL_SECONDS: '1' }, [
      'claims',
      'ledger-bridge',
    ]);
    gatewayDb = new pg.Client({ connectionString: testDatabaseUrl('gateway', stack.namespace) });
    await gatewayDb.connect();
    nc = await connect({ servers: TEST_NATS_URL });
  }, 180_000);
  afterAll(async () => {
    await nc?.close();
    await gatewayDb?.end();
    await stack?.stop();
    await chain?.process.stop(5000);
  });

  const verify = async () => {
    const script = join(repoRoot(), 'dist', 'scripts', 'audit-verify.js');
    const env = {
      ...process.env,
      NODE_OPTIONS: '',
      GATEWAY_DATABASE_URL: testDatabaseUrl('gateway', stack.namespace),
      LEDGER_DATABASE_URL: stack.databaseUrl('ledger-bridge'),
      CHAIN_RPC_URL: chain.rpcUrl,
    };
    return promisify(execFile)(process.execPath, [script], { env }).then(
      ({ stdout }) => ({ code: 0, out: stdout.trim() }),
      (error: { code: number; stderr: string }) => ({ code: error.code, out: error.stderr.trim() }),
    );
  };
  const anchors = async () =>
    (await gatewayDb.query<{ seq: string; head: string; tx_hash: string }>('SELECT * FROM audit_anchors ORDER BY seq'))
      .rows;

  it('anchors the head once it moved, and audit:verify finds the anchor on chain', async () => {
    const clinic = await stack.token({ role: 'clinic', org: 'P-1', sub: 'nurse-7' });
    expect((await call('GET', `${stack.gatewayUrl}/v1/claims`, { token: clinic })).status).toBe(200);
    const refused = await call('GET', `${stack.gatewayUrl}/v1/claims/${MISSING_CLAIM}`, { token: clinic });
    expect(refused.status).toBe(404);
    await waitFor(async () => (await anchors()).length > 0, { timeoutMs: 30_000 });
    const [anchor] = await anchors();
    expect(anchor.seq).toBe('2');
    const result = await verify();
    expect(result).toEqual({ code: 0, out: 'audit chain ok: 2 rows, 1 anchors verified on chain' });
  });

  it('does not anchor again while the head stays put', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await anchors()).toHaveLength(1);
  });

  it('answers the same anchor when the bridge is asked again for the same seq, and refuses to rewrite it', async () => {
    const [anchor] = await anchors();
    const ask = async (payload: { seq: number; head: string }, role = 'admin') => {
      const subject = new BusNamespace(stack.namespace).subject(RpcPatterns.anchorAudit);
      const data = { principal: { sub: 'gateway:audit-anchorer', role }, requestId: 'again-1', payload };
      const reply = await nc.request(subject, JSON.stringify({ id: 'again-1', pattern: subject, data }), {
        timeout: 20_000,
      });
      return reply.json<{ response: { ok: boolean; value?: { txHash: string }; error?: { code: string } } }>().response;
    };
    expect(await ask({ seq: Number(anchor.seq), head: anchor.head })).toMatchObject({
      ok: true,
      value: { txHash: anchor.tx_hash },
    });
    const forged = 'f'.repeat(64);
    expect(await ask({ seq: Number(anchor.seq), head: forged })).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(await ask({ seq: 1, head: forged })).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(await ask({ seq: 99, head: forged }, 'clinic')).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('fails naming the row once a row is altered by hand', async () => {
    await gatewayDb.query('SET session_replication_role = replica');
    await gatewayDb.query(`UPDATE audit_events SET status = 200 WHERE seq = 2`);
    await gatewayDb.query('SET session_replication_role = DEFAULT');
    expect(await verify()).toEqual({ code: 1, out: 'row 2: hash mismatch (altered or inserted by hand)' });
  });
});
