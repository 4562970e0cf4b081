import { waitFor } from '#libs/testing';
import { AuditRows } from './support/audit-rows.js';
import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import type { ReceivedCall } from './support/stand-in-services.js';

const TX = `0x${'ab'.repeat(32)}`;

/** The ledger bridge's side of an anchor, stood in: it answers the anchor it was asked for. */
function bridge(call: ReceivedCall) {
  const payload = call.request.payload as { seq: number; head: string };
  return { reply: { ok: true, value: { ...payload, txHash: TX, blockNumber: 7 } } };
}

describe('anchoring the audit head from several gateway replicas', () => {
  let first: GatewayHarness;
  let second: GatewayHarness;
  let rows: AuditRows;
  const anchorCalls = () =>
    [...first.standIn.calls, ...second.standIn.calls].filter((call) => call.pattern === 'rpc.ledger.audit.anchor');
  const appendRow = (requestId: string) =>
    rows.query(
      `INSERT INTO audit_events (subject, role, org, action, resource, resource_ids, member_ids, route, status, request_id)
       VALUES ('nurse-7', 'clinic', 'P-1', 'read', 'claim', '{}', '{M-1}', 'GET /v1/claims/:id', 200, $1)`,
      [requestId],
    );
  const anchors = async () => (await rows.query('SELECT seq::text AS seq, head FROM audit_anchors ORDER BY seq')).rows;

  beforeAll(async () => {
    first = await startGateway({ AUDIT_ANCHOR_INTERVAL_SECONDS: '1' });
    second = await startGateway({ AUDIT_ANCHOR_INTERVAL_SECONDS: '1' }, { sharedDatabaseUrl: first.databaseUrl });
    first.standIn.reset(bridge);
    second.standIn.reset(bridge);
    rows = await AuditRows.open(first.databaseUrl);
  });
  afterAll(async () => {
    await rows.close();
    await second.stop();
    await first.stop();
  });

  it('anchors nothing while the trail is empty', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(anchorCalls()).toEqual([]);
  });

  it('anchors each new head once, from one replica, and not again while it stays put', async () => {
    await appendRow('a-1');
    await appendRow('a-2');
    await waitFor(async () => (await anchors()).length === 1, { timeoutMs: 10_000, what: 'the first anchor' });
    const [head] = (await rows.query('SELECT seq::text AS seq, hash FROM audit_head')).rows;
    expect(await anchors()).toEqual([{ seq: '2', head: head.hash }]);
    expect(anchorCalls().map((call) => call.request.principal)).toEqual([
      { sub: 'gateway:audit-anchorer', role: 'admin' },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(anchorCalls()).toHaveLength(1);

    await appendRow('a-3');
    await waitFor(async () => (await anchors()).length === 2, { timeoutMs: 10_000, what: 'the second anchor' });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(anchorCalls()).toHaveLength(2);
    expect((await anchors()).map((anchor) => anchor.seq)).toEqual(['2', '3']);
  });
});
