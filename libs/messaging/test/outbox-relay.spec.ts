import { newCorrelation } from '#libs/contracts';
import { NatsConnectionHolder, OUTBOX_PHI_COLUMN, Outbox, OutboxRelay, type OutboxRelayOptions } from '#libs/messaging';
import { reencryptAll } from '#libs/phi';
import { scanPausedBeforeLocking, waitFor } from '#libs/testing';
import { openMessagingTestBed, type MessagingTestBed } from './support/messaging-test-bed.js';
import { aProbeEnvelope, PROBE_SUBJECT } from './support/probe.js';

describe('the outbox relay', () => {
  let bed: MessagingTestBed;
  let holder: NatsConnectionHolder;
  let relays: OutboxRelay[] = [];

  beforeEach(async () => {
    bed = await openMessagingTestBed('relay');
    holder = await NatsConnectionHolder.connect(bed.natsUrl, 'relay-test');
  });
  afterEach(async () => {
    await Promise.all(relays.map((relay) => relay.stop()));
    relays = [];
    await holder.close();
    await bed.close();
  });

  async function startRelay(options: Omit<OutboxRelayOptions, 'dataSource' | 'cipher' | 'js' | 'service'> = {}) {
    const relay = new OutboxRelay({
      ...options,
      dataSource: bed.dataSource,
      cipher: bed.cipher,
      js: holder.js,
      service: 'relay-test',
    });
    relays.push(relay);
    await relay.start();
    return relay;
  }

  async function commitEvents(from: number, count: number): Promise<void> {
    const outbox = new Outbox(bed.namespace, bed.cipher);
    await bed.dataSource.transaction(async (manager) => {
      for (let n = from; n < from + count; n++) await outbox.add(manager, PROBE_SUBJECT, { n }, newCorrelation());
    });
  }

  async function unpublished(): Promise<number> {
    const rows: { count: string }[] = await bed.dataSource.query(
      `SELECT count(*) FROM outbox WHERE published_at IS NULL`,
    );
    return Number(rows[0].count);
  }

  it('publishes each event exactly once when two relays run at once', async () => {
    const [a, b] = [await startRelay({ batchSize: 10 }), await startRelay({ batchSize: 10 })];
    // Committed in 20 transactions while both relays run, so both are woken and compete.
    for (let i = 0; i < 20; i++) await commitEvents(i * 25, 25);
    await waitFor(async () => (await unpublished()) === 0, { what: '500 events to be published', timeoutMs: 30000 });

    expect(a.publishCalls + b.publishCalls).toBe(500);
    expect(a.publishCalls).toBeGreaterThan(0);
    expect(b.publishCalls).toBeGreaterThan(0);
    expect(await bed.streamCount('CLAIMS')).toBe(500);
  });

  it('publishes a row once when one relay locks the batch just after the other published and committed it', async () => {
    await commitEvents(0, 30);
    const relayOn = (dataSource: OutboxRelayOptions['dataSource']) =>
      new OutboxRelay({ dataSource, cipher: bed.cipher, js: holder.js, service: 'relay-test', listen: false });
    const fast = relayOn(bed.dataSource);
    let publishedByFast = 0;
    // The slow relay's claim saw the 30 rows unpublished; it locks them only once the fast relay committed.
    const slow = relayOn(
      scanPausedBeforeLocking(bed.dataSource, async () => (publishedByFast = await fast.relayBatch())),
    );

    const publishedBySlow = await slow.relayBatch();

    expect(publishedByFast).toBe(30);
    expect(publishedBySlow).toBe(0);
    // Counted at the publish call: JetStream's duplicate window would hide a second copy from the stream.
    expect([fast.publishCalls, slow.publishCalls]).toEqual([30, 0]);
    expect(await bed.streamCount('CLAIMS')).toBe(30);
  });

  it('publishes in commit order', async () => {
    await commitEvents(0, 120);
    await startRelay({ batchSize: 50 });
    await waitFor(async () => (await unpublished()) === 0, { what: 'events to be published' });
    const stream = bed.namespace.stream('CLAIMS');
    const order: number[] = [];
    for (let seq = 1; seq <= 120; seq++) {
      const stored = await bed.jsm.streams.getMessage(stream, { seq });
      order.push(stored?.json<{ data: { n: number } }>().data.n ?? -1);
    }
    expect(order).toEqual([...Array(120).keys()]);
  });

  it('is woken by the commit, long before its next poll', async () => {
    await startRelay({ pollIntervalMs: 60_000 });
    const started = Date.now();
    await commitEvents(0, 1);
    await waitFor(async () => (await unpublished()) === 0, { what: 'the event to be published', timeoutMs: 5000 });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('still publishes by polling when it does not listen', async () => {
    await startRelay({ pollIntervalMs: 200, listen: false });
    await commitEvents(0, 3);
    await waitFor(async () => (await unpublished()) === 0, { what: 'the events to be published', timeoutMs: 5000 });
    expect(await bed.streamCount('CLAIMS')).toBe(3);
  });

  it('carries on listening after its LISTEN session was killed', async () => {
    const warnings: string[] = [];
    const logger = {
      warn: (message: string) => warnings.push(message),
      error: (message: string) => warnings.push(message),
    };
    await startRelay({ pollIntervalMs: 60_000, logger });
    await bed.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND query ILIKE 'LISTEN%'`,
    );
    await commitEvents(0, 1);
    await waitFor(async () => (await unpublished()) === 0, {
      what: 'the first event to be published',
      timeoutMs: 8000,
    });
    // Published by the wake-up after reconnecting; the next one proves the new session listens.
    await commitEvents(1, 1);
    await waitFor(async () => (await unpublished()) === 0, { what: 'the next event to be published', timeoutMs: 5000 });
    expect(await bed.streamCount('CLAIMS')).toBe(2);
    expect(warnings.join('\n')).toMatch(/LISTEN connection lost/);
  });

  it('keeps envelopes sealed at rest and publishes them opened, and those stored in the clear before as they are', async () => {
    await commitEvents(7001, 1);
    const legacy = aProbeEnvelope(7002);
    await bed.dataSource.query(`INSERT INTO outbox (id, subject, envelope) VALUES ($1, $2, $3)`, [
      legacy.id,
      bed.namespace.subject(PROBE_SUBJECT),
      JSON.stringify(legacy),
    ]);
    const stored: { envelope: unknown }[] = await bed.dataSource.query(`SELECT envelope FROM outbox ORDER BY seq`);
    expect(stored[0].envelope).toMatch(/^phi1:dk[0-9a-f]{12}:/);
    expect(JSON.stringify(stored[0].envelope)).not.toContain('7001');

    await startRelay();
    await waitFor(async () => (await unpublished()) === 0, { what: 'both events to be published', timeoutMs: 5000 });
    const stream = bed.namespace.stream('CLAIMS');
    const published = [1, 2].map(async (seq) => (await bed.jsm.streams.getMessage(stream, { seq }))?.json());
    const [sealed, clear] = await Promise.all(published);
    expect(sealed).toMatchObject({ type: 'claims.probe.recorded', data: { n: 7001 } });
    expect(clear).toEqual(legacy);
  });

  it('seals envelopes written before encryption in the background pass, and leaves an unopenable one unpublished', async () => {
    const legacy = aProbeEnvelope(7003);
    const forged = aProbeEnvelope(7004);
    await commitEvents(7005, 1);
    const [{ envelope: sealedElsewhere }] = await bed.dataSource.query(`SELECT envelope FROM outbox`);
    await bed.dataSource.query(
      `INSERT INTO outbox (id, subject, envelope) VALUES ($1, $3, $4), ($2, $3, to_jsonb($5::text))`,
      [legacy.id, forged.id, bed.namespace.subject(PROBE_SUBJECT), JSON.stringify(legacy), sealedElsewhere],
    );
    // The clear one is sealed; the copy from another row is under the active key already, so left alone.
    expect(await reencryptAll(bed.dataSource, bed.cipher, [OUTBOX_PHI_COLUMN])).toEqual({ 'outbox.envelope': 1 });
    const [{ envelope }] = await bed.dataSource.query(`SELECT envelope FROM outbox WHERE id = $1`, [legacy.id]);
    expect(envelope).toMatch(/^phi1:/);
    expect(JSON.stringify(envelope)).not.toContain('7003');

    const errors: string[] = [];
    await startRelay({ logger: { warn: () => undefined, error: (message: string) => errors.push(message) } });
    await waitFor(async () => (await unpublished()) === 1, { what: 'the openable events to be published' });
    expect(await bed.streamCount('CLAIMS')).toBe(2);
    expect(errors.join('\n')).toContain(`the envelope of ${forged.id} does not open`);
    const [{ published_at }] = await bed.dataSource.query(`SELECT published_at FROM outbox WHERE id = $1`, [forged.id]);
    expect(published_at).toBeNull();
  });
});
