import { consumerPaused, deadLetteredTotal, startMessaging, type Messaging } from '#libs/messaging';
import { sleep, startPrivatePostgres, waitFor, type PrivatePostgres } from '#libs/testing';
import { openMessagingTestBed, type MessagingTestBed } from './support/messaging-test-bed.js';
import { aProbeEnvelope, PROBE_SUBJECT, recordProbeEffect, type Probe } from './support/probe.js';

/**
 * The catch-up scenario of issue 11 on a PostgreSQL of the test's own: a consumer works off a backlog
 * when its database stops in immediate mode for longer than the whole backoff schedule. Before the
 * consumer paused on an outage, every message it held was dead-lettered within a second here.
 */
describe('a consumer whose database goes down while it works off a backlog', () => {
  const service = 'outage';
  const backlog = 200;
  const outageMs = 20_000;
  let postgres: PrivatePostgres;
  let bed: MessagingTestBed;
  let messaging: Messaging | undefined;

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    bed = await openMessagingTestBed('outage', { databaseUrlFor: postgres.urlFor });
  });
  afterEach(async () => {
    await messaging?.stop();
    messaging = undefined;
  });
  afterAll(async () => {
    await bed?.close().catch(() => undefined);
    await postgres?.destroy();
  });

  async function pausedGauge(): Promise<number | undefined> {
    const metric = await consumerPaused.get();
    return metric.values.find((v) => v.labels.service === service)?.value;
  }

  it('holds its messages until the database is back, then handles each once and dead-letters none', async () => {
    const envelopes = Array.from({ length: backlog }, (_, n) => aProbeEnvelope(n));
    for (const envelope of envelopes) {
      await bed.js.publish(bed.namespace.subject(PROBE_SUBJECT), JSON.stringify(envelope), { msgID: envelope.id });
    }
    const deliveryCounts: number[] = [];
    const warnings: string[] = [];
    messaging = await startMessaging({
      service,
      natsUrl: bed.natsUrl,
      namespace: bed.namespace,
      dataSource: bed.dataSource,
      cipher: bed.cipher,
      relay: { pollIntervalMs: 200 },
      // Three deliveries 50-200 ms apart: without the pause the outage would dead-letter in < 1 s. An
      // ack_wait of 3 s would redeliver every held message several times without the heartbeat.
      consumerDefaults: {
        maxDeliver: 3,
        backoff: { initialMs: 50, factor: 2, maxMs: 200 },
        ackWaitMs: 3000,
        batchSize: 10,
        maxAckPending: 60,
      },
      handlers: [
        {
          subject: PROBE_SUBJECT,
          handle: async (event, { manager, deliveryCount }) => {
            deliveryCounts.push(deliveryCount);
            // Slow enough that the outage falls in the middle of the backlog.
            await sleep(15);
            await recordProbeEffect(manager, event as typeof event & { data: Probe });
          },
        },
      ],
      logger: { warn: (line) => warnings.push(line), error: (line) => warnings.push(line) },
    });

    await waitFor(async () => (await bed.effects()) >= 40, { what: 'the backlog to be under way' });
    await postgres.stopImmediate();
    const down = Date.now();
    await waitFor(() => messaging?.health.isPaused(), { what: 'the consumer to pause', timeoutMs: 5000 });
    expect(await pausedGauge()).toBe(1);
    // Paused for the whole outage: never resumed early, never gave up.
    while (Date.now() - down < outageMs) {
      expect(messaging.health.isPaused()).toBe(true);
      await sleep(250);
    }
    await postgres.start();

    await waitFor(async () => (await bed.effects().catch(() => 0)) >= backlog, {
      what: 'the whole backlog to be handled',
      timeoutMs: 20_000,
    });
    await bed.consumerSettled(service, backlog);
    expect(messaging.health.isPaused()).toBe(false);
    expect(await pausedGauge()).toBe(0);
    const [{ rows, messages }] = await bed.dataSource.query<{ rows: string; messages: string }[]>(
      `SELECT count(*) AS rows, count(DISTINCT message_id) AS messages FROM probe_effects`,
    );
    expect({ rows: Number(rows), messages: Number(messages) }).toEqual({ rows: backlog, messages: backlog });
    expect(await bed.streamCount('DLQ')).toBe(0);
    const deadLettered = (await deadLetteredTotal.get()).values.filter((v) => v.labels.service === service);
    expect(deadLettered.reduce((sum, v) => sum + v.value, 0)).toBe(0);
    // No nak, no redelivery: every message still has all three deliveries for real failures.
    expect(Math.max(...deliveryCounts)).toBe(1);
    expect(messaging.consumers[0].stats.failed).toBe(0);
    // One line when it paused and one when it resumed, not one per probe; the same for the relay.
    expect(warnings.filter((line) => line.includes('paused'))).toHaveLength(1);
    expect(warnings.filter((line) => line.includes('resumed'))).toHaveLength(1);
    const relayLines = () => warnings.filter((line) => line.startsWith('outbox'));
    await waitFor(() => relayLines().length === 4, { what: 'the relay to log the end of the outage' });
    expect(relayLines()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^outbox LISTEN connection lost/),
        expect.stringMatching(/^outbox relay: the database is unavailable/),
        expect.stringMatching(/^outbox LISTEN connection is back after/),
        expect.stringMatching(/^outbox relay: the database answers again after/),
      ]),
    );
  }, 90_000);

  it('stops at once while paused, leaving its held messages to come back after ack_wait', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 20; n++) {
      const envelope = aProbeEnvelope(n);
      await bed.js.publish(bed.namespace.subject(PROBE_SUBJECT), JSON.stringify(envelope), { msgID: envelope.id });
      ids.push(envelope.id);
    }
    const startInstance = (deliveryCounts: number[]) =>
      startMessaging({
        service: 'outage-stop',
        natsUrl: bed.natsUrl,
        namespace: bed.namespace,
        dataSource: bed.dataSource,
        cipher: bed.cipher,
        consumerDefaults: { ackWaitMs: 2000 },
        handlers: [
          {
            subject: PROBE_SUBJECT,
            handle: async (event, { manager, deliveryCount }) => {
              deliveryCounts.push(deliveryCount);
              await recordProbeEffect(manager, event as typeof event & { data: Probe });
            },
          },
        ],
        logger: { warn: () => undefined, error: () => undefined },
      });
    const handled = async () => {
      const [{ count }] = await bed.dataSource.query<{ count: string }[]>(
        `SELECT count(*) FROM probe_effects WHERE message_id = ANY($1::uuid[])`,
        [ids],
      );
      return Number(count);
    };

    await postgres.stopImmediate();
    const first = await startInstance([]);
    await waitFor(() => first.health.isPaused(), { what: 'the consumer to pause', timeoutMs: 5000 });
    const stopping = Date.now();
    await first.stop();
    expect(Date.now() - stopping).toBeLessThan(2000);
    expect(first.health.isPaused()).toBe(false);

    await postgres.start();
    const secondDeliveries: number[] = [];
    messaging = await startInstance(secondDeliveries);
    await waitFor(async () => (await handled()) === ids.length, { what: 'the held messages', timeoutMs: 15_000 });
    await bed.consumerSettled('outage-stop', ids.length);
    expect(await handled()).toBe(ids.length);
    // The stopped instance spent one delivery of each message it held, as a crash would, and no more
    // (messages it had not pulled yet come on their first delivery).
    expect(secondDeliveries).toContain(2);
    expect(Math.max(...secondDeliveries)).toBe(2);
  }, 60_000);
});
