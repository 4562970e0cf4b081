import { newCorrelation } from '#libs/contracts';
import { NatsConnectionHolder, Outbox, OutboxRelay } from '#libs/messaging';
import { waitFor } from '#libs/testing';
import { killFixtures, startFixture } from './support/child-process.js';
import { openMessagingTestBed, type MessagingTestBed } from './support/messaging-test-bed.js';
import { PROBE_SUBJECT } from './support/probe.js';

describe('the outbox relay after a crash', () => {
  let bed: MessagingTestBed;
  let holder: NatsConnectionHolder;
  let relay: OutboxRelay | undefined;

  beforeEach(async () => {
    bed = await openMessagingTestBed('relaycrash');
    holder = await NatsConnectionHolder.connect(bed.natsUrl, 'relay-crash-test');
  });
  afterEach(async () => {
    await killFixtures();
    await relay?.stop();
    relay = undefined;
    await holder.close();
    await bed.close();
  });

  async function commitEvent(n: number) {
    const outbox = new Outbox(bed.namespace, bed.cipher);
    return bed.dataSource.transaction((manager) => outbox.add(manager, PROBE_SUBJECT, { n }, newCorrelation()));
  }

  async function publishedAt(id: string): Promise<Date | null> {
    const rows: { published_at: Date | null }[] = await bed.dataSource.query(
      `SELECT published_at FROM outbox WHERE id = $1`,
      [id],
    );
    return rows[0].published_at;
  }

  async function runFreshRelayUntilPublished(id: string): Promise<OutboxRelay> {
    relay = new OutboxRelay({ dataSource: bed.dataSource, cipher: bed.cipher, js: holder.js, service: 'fresh-relay' });
    await relay.start();
    await waitFor(async () => (await publishedAt(id)) !== null, { what: 'the event to be marked published' });
    return relay;
  }

  it('publishes an event whose relay was killed between the commit and the publish', async () => {
    const child = await startFixture('crashing-relay', {
      DATABASE_URL: bed.databaseUrl,
      NATS_URL: bed.natsUrl,
      CRASH_AT: 'before-publish',
    });
    const envelope = await commitEvent(1);
    expect(await child.exitWithin(10000)).toBe('SIGKILL');
    expect(await bed.streamCount('CLAIMS')).toBe(0);
    expect(await publishedAt(envelope.id)).toBeNull();

    const fresh = await runFreshRelayUntilPublished(envelope.id);
    expect(fresh.publishCalls).toBe(1);
    expect(await bed.streamCount('CLAIMS')).toBe(1);
    const stored = await bed.jsm.streams.getMessage(bed.namespace.stream('CLAIMS'), { seq: 1 });
    expect(stored?.subject).toBe(bed.namespace.subject(PROBE_SUBJECT));
    expect(stored?.json()).toEqual(envelope);
    expect(stored?.header.get('Nats-Msg-Id')).toBe(envelope.id);
    expect(stored?.header.get('correlation-id')).toBe(envelope.correlationId);
  });

  it('stores an event once when its relay was killed between the publish and marking it sent', async () => {
    const child = await startFixture('crashing-relay', {
      DATABASE_URL: bed.databaseUrl,
      NATS_URL: bed.natsUrl,
      CRASH_AT: 'after-publish',
    });
    const envelope = await commitEvent(2);
    expect(await child.exitWithin(10000)).toBe('SIGKILL');
    expect(child.output()).toContain('published 1');
    expect(await bed.streamCount('CLAIMS')).toBe(1);
    expect(await publishedAt(envelope.id)).toBeNull();

    // The fresh relay publishes again; JetStream's duplicate window drops the copy.
    const fresh = await runFreshRelayUntilPublished(envelope.id);
    expect(fresh.publishCalls).toBe(1);
    expect(await bed.streamCount('CLAIMS')).toBe(1);
  });
});
