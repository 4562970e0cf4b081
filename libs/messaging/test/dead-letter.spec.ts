import { DeadLetterHeaders, deadLetteredTotal, durableName, startMessaging, type Messaging } from '#libs/messaging';
import { waitFor } from '#libs/testing';
import type { StoredMsg } from '@nats-io/jetstream';
import { openMessagingTestBed, type MessagingTestBed } from './support/messaging-test-bed.js';
import { aProbeEnvelope, PROBE_SUBJECT, recordProbeEffect, type Probe } from './support/probe.js';

describe('dead letters', () => {
  let bed: MessagingTestBed;
  let messaging: Messaging | undefined;

  beforeEach(async () => {
    bed = await openMessagingTestBed('dlq');
  });
  afterEach(async () => {
    await messaging?.stop();
    messaging = undefined;
    await bed.close();
  });

  const fastRetries = { maxDeliver: 3, backoff: { initialMs: 50, factor: 2, maxMs: 200 } };

  async function start(service: string, handle: (n: number) => Promise<void>) {
    messaging = await startMessaging({
      service,
      natsUrl: bed.natsUrl,
      namespace: bed.namespace,
      dataSource: bed.dataSource,
      cipher: bed.cipher,
      consumerDefaults: fastRetries,
      handlers: [
        {
          subject: PROBE_SUBJECT,
          handle: async (event, { manager }) => {
            const probe = event as typeof event & { data: Probe };
            await handle(probe.data.n);
            await recordProbeEffect(manager, probe);
          },
        },
      ],
      logger: { warn: () => undefined, error: () => undefined },
    });
  }

  async function publish(payload: unknown, msgID: string): Promise<void> {
    await bed.js.publish(bed.namespace.subject(PROBE_SUBJECT), JSON.stringify(payload), { msgID });
  }

  async function deadLetters(count: number): Promise<StoredMsg[]> {
    await waitFor(async () => (await bed.streamCount('DLQ')) >= count, { what: `${count} dead letter(s)` });
    const letters: StoredMsg[] = [];
    for (let seq = 1; seq <= count; seq++) {
      const letter = await bed.jsm.streams.getMessage(bed.namespace.stream('DLQ'), { seq });
      if (letter) letters.push(letter);
    }
    return letters;
  }

  async function deadLettered(service: string, reason: string): Promise<number> {
    const metric = await deadLetteredTotal.get();
    return metric.values.find((v) => v.labels.service === service && v.labels.reason === reason)?.value ?? 0;
  }

  it('moves a message that always fails to the dead-letter stream with its error after max_deliver', async () => {
    const attempts: number[] = [];
    await start('always-fails', async (n) => {
      attempts.push(n);
      throw new Error(`cannot handle probe ${n}`);
    });
    const envelope = aProbeEnvelope(7);
    await publish(envelope, envelope.id);

    const [letter] = await deadLetters(1);
    expect(attempts).toEqual([7, 7, 7]);
    expect(letter.subject).toBe(bed.namespace.subject(`dlq.${PROBE_SUBJECT}`));
    expect(letter.json()).toEqual(envelope);
    expect(letter.header.get(DeadLetterHeaders.reason)).toBe('MAX_DELIVER');
    expect(letter.header.get(DeadLetterHeaders.error)).toBe('cannot handle probe 7');
    expect(letter.header.get(DeadLetterHeaders.originalSubject)).toBe(bed.namespace.subject(PROBE_SUBJECT));
    expect(letter.header.get(DeadLetterHeaders.deliveryCount)).toBe('3');
    expect(letter.header.get(DeadLetterHeaders.consumer)).toBe(durableName('always-fails', PROBE_SUBJECT));
    expect(await deadLettered('always-fails', 'MAX_DELIVER')).toBe(1);
    // Terminated, not left pending: nothing is redelivered afterwards.
    await bed.consumerSettled('always-fails', 1);
    expect(attempts).toHaveLength(3);
    expect(await bed.effects()).toBe(0);
  });

  it('dead-letters a message that breaks its contract at once, without calling the handler', async () => {
    const attempts: number[] = [];
    await start('strict', async (n) => {
      attempts.push(n);
    });
    const broken = { ...aProbeEnvelope(1), data: { n: 'not a number' } };
    await publish(broken, broken.id);

    const [letter] = await deadLetters(1);
    expect(letter.header.get(DeadLetterHeaders.reason)).toBe('CONTRACT_VIOLATION');
    expect(letter.header.get(DeadLetterHeaders.error)).toMatch(/^BAD_DATA on claims\.probe\.recorded\.v1/);
    expect(letter.header.get(DeadLetterHeaders.deliveryCount)).toBe('1');
    expect(attempts).toEqual([]);
    await bed.consumerSettled('strict', 1);
  });

  it('handles every other message of a batch exactly once when one of them is poison', async () => {
    const attempts = new Map<number, number>();
    await start('batchy', async (n) => {
      attempts.set(n, (attempts.get(n) ?? 0) + 1);
      if (n === 13) throw new Error('poison');
    });
    // Published before the consumer catches up, so they arrive and commit in batches.
    const envelopes = Array.from({ length: 40 }, (_, n) => aProbeEnvelope(n));
    await Promise.all(envelopes.map((envelope) => publish(envelope, envelope.id)));

    const [letter] = await deadLetters(1);
    expect(letter.json<{ data: Probe }>().data.n).toBe(13);
    await bed.consumerSettled('batchy', 40);
    for (const envelope of envelopes) {
      expect(await bed.effects(envelope.id)).toBe(envelope.data.n === 13 ? 0 : 1);
    }
    expect(await bed.streamCount('DLQ')).toBe(1);
    const [consumer] = messaging?.consumers ?? [];
    expect(consumer.stats.batchFallbacks).toBeGreaterThan(0);
    expect(consumer.stats.handled).toBe(39);
  });
});
