import {
  DeadLetterHeaders,
  DeadLetterStore,
  durableName,
  replayMessageId,
  startMessaging,
  watchDeadLettersWaiting,
  type Messaging,
} from '#libs/messaging';
import { waitFor } from '#libs/testing';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { register } from 'prom-client';
import { openMessagingTestBed, type MessagingTestBed } from './support/messaging-test-bed.js';
import { aProbeEnvelope, PROBE_SUBJECT, recordProbeEffect, type Probe } from './support/probe.js';

const SERVICE = 'flaky';
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('dead-letter replay', () => {
  let bed: MessagingTestBed;
  let messaging: Messaging;
  let store: DeadLetterStore;
  /** The handler fails (its own logic, not the infrastructure) until a test says it is fixed. */
  let fixed: boolean;

  beforeEach(async () => {
    bed = await openMessagingTestBed('dlqreplay');
    fixed = false;
    store = new DeadLetterStore(bed.nc, bed.namespace);
    messaging = await startMessaging({
      service: SERVICE,
      natsUrl: bed.natsUrl,
      namespace: bed.namespace,
      dataSource: bed.dataSource,
      cipher: bed.cipher,
      consumerDefaults: { maxDeliver: 3, backoff: { initialMs: 50, factor: 2, maxMs: 200 } },
      handlers: [
        {
          subject: PROBE_SUBJECT,
          handle: async (event, { manager }) => {
            if (!fixed) throw new Error(`no rate for probe ${(event.data as Probe).n}`);
            await recordProbeEffect(manager, event as typeof event & { data: Probe });
          },
        },
      ],
      logger: { warn: () => undefined, error: () => undefined },
    });
  });
  afterEach(async () => {
    await messaging.stop();
    await bed.close();
  });

  async function publishProbe(n: number, msgID?: string, id?: string) {
    const envelope = aProbeEnvelope(n, id);
    const headers = natsHeaders();
    headers.set('traceparent', TRACEPARENT);
    headers.set('correlation-id', envelope.correlationId);
    await bed.js.publish(bed.namespace.subject(PROBE_SUBJECT), JSON.stringify(envelope), {
      msgID: msgID ?? envelope.id,
      headers,
    });
    return envelope;
  }

  async function deadLetters(count: number): Promise<void> {
    await waitFor(async () => (await bed.streamCount('DLQ')) >= count, { what: `${count} dead letter(s)` });
  }

  it('lists dead letters with their reason and error, and replays each into exactly one handling', async () => {
    const envelopes = [await publishProbe(1), await publishProbe(2), await publishProbe(3)];
    await deadLetters(3);
    await bed.consumerSettled(SERVICE, 3);

    const { items, nextAfter } = await store.list();
    expect(nextAfter).toBeNull();
    expect(items.map((item) => item.envelopeId)).toEqual(envelopes.map((envelope) => envelope.id));
    expect(items[0]).toEqual({
      id: expect.any(Number),
      subject: PROBE_SUBJECT,
      reason: 'MAX_DELIVER',
      error: 'no rate for probe 1',
      consumer: durableName(SERVICE, PROBE_SUBJECT),
      deliveryCount: 3,
      deadLetteredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      envelopeId: envelopes[0].id,
      envelopeType: 'claims.probe.recorded',
      correlationId: envelopes[0].correlationId,
    });
    const detail = await store.show(items[1].id);
    expect(detail?.payload).toEqual(envelopes[1]);
    expect(detail?.headers.traceparent).toBe(TRACEPARENT);
    expect(detail?.headers[DeadLetterHeaders.reason]).toBe('MAX_DELIVER');

    const stopWatching = watchDeadLettersWaiting(store);
    const gauge = await register.getSingleMetric('messaging_dead_letters_waiting')?.get();
    stopWatching();
    expect(gauge?.values).toEqual([{ labels: { subject: PROBE_SUBJECT }, value: 3 }]);

    fixed = true;
    const summary = await store.replayAll({ subject: 'claims.>' });
    expect(summary.failed).toBeNull();
    expect(summary.replayed.map((replay) => replay.envelopeId)).toEqual(envelopes.map((envelope) => envelope.id));
    await bed.consumerSettled(SERVICE, 6);
    for (const envelope of envelopes) expect(await bed.effects(envelope.id)).toBe(1);
    expect(await bed.streamCount('DLQ')).toBe(0);

    // What was replayed is the original message: its payload and headers, none of the dead letter's.
    const replayed = await bed.jsm.streams.getMessage(bed.namespace.stream('CLAIMS'), { seq: 5 });
    expect(replayed?.json()).toEqual(envelopes[1]);
    expect(replayed?.header.get('traceparent')).toBe(TRACEPARENT);
    expect(replayed?.header.get('correlation-id')).toBe(envelopes[1].correlationId);
    expect(replayed?.header.get(DeadLetterHeaders.reason)).toBe('');

    expect(await store.replay(items[0].id)).toEqual({ outcome: 'not-found', id: items[0].id });
    expect(await store.show(items[0].id)).toBeNull();
    expect((await store.list()).items).toEqual([]);
  });

  it('filters by subject and time and pages through the letters', async () => {
    for (let n = 1; n <= 3; n++) await publishProbe(n);
    await deadLetters(3);
    const all = (await store.list()).items.map((item) => item.id);

    expect((await store.list({ subject: PROBE_SUBJECT })).items).toHaveLength(3);
    expect((await store.list({ subject: 'claims.*.recorded.v1' })).items).toHaveLength(3);
    expect((await store.list({ subject: 'billing.>' })).items).toEqual([]);
    expect((await store.list({ since: new Date(Date.now() + 60_000) })).items).toEqual([]);
    expect((await store.list({ since: new Date(Date.now() - 60_000) })).items).toHaveLength(3);

    const first = await store.list({ limit: 2 });
    expect(first.items.map((item) => item.id)).toEqual(all.slice(0, 2));
    expect(first.nextAfter).toBe(all[1]);
    const second = await store.list({ limit: 2, after: first.nextAfter ?? undefined });
    expect(second.items.map((item) => item.id)).toEqual([all[2]]);
    expect(second.nextAfter).toBeNull();
    await expect(store.list({ subject: 'claims..x' })).rejects.toThrow(/subject "claims..x"/);
  });

  it('does not run the handler twice when the replayed message had in fact been handled', async () => {
    const envelope = await publishProbe(7);
    await deadLetters(1);
    await bed.consumerSettled(SERVICE, 1);
    fixed = true;
    // The producer sent the same event again (another Nats-Msg-Id, e.g. a relay retry after the
    // duplicate window): it is handled, while its first copy still waits among the dead letters.
    await publishProbe(7, `${envelope.id}:again`, envelope.id);
    await bed.consumerSettled(SERVICE, 2);
    expect(await bed.effects(envelope.id)).toBe(1);

    const [letter] = (await store.list()).items;
    expect(await store.replay(letter.id)).toMatchObject({ outcome: 'replayed', envelopeId: envelope.id });
    await bed.consumerSettled(SERVICE, 3);
    expect(messaging.consumers[0].stats.duplicates).toBe(1);
    expect(await bed.effects(envelope.id)).toBe(1);
    expect(await bed.streamCount('DLQ')).toBe(0);
  });

  it('publishes one message when a replay crashed between its publish and removing the letter', async () => {
    const envelope = await publishProbe(9);
    await deadLetters(1);
    await bed.consumerSettled(SERVICE, 1);
    fixed = true;
    const [letter] = (await store.list()).items;
    // The first attempt's publish, as the replay makes it; then the process died.
    const detail = await store.show(letter.id);
    await bed.js.publish(bed.namespace.subject(PROBE_SUBJECT), JSON.stringify(detail?.payload), {
      msgID: replayMessageId(store.stream, letter.id),
    });

    expect(await store.replay(letter.id)).toMatchObject({ outcome: 'replayed', duplicate: true });
    await bed.consumerSettled(SERVICE, 2);
    expect(await bed.streamCount('CLAIMS')).toBe(2);
    expect(await bed.effects(envelope.id)).toBe(1);
    expect(await bed.streamCount('DLQ')).toBe(0);
  });
});
