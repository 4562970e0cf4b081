import { DeadLetterHeaders, infrastructureRetriesTotal, startMessaging, type Messaging } from '#libs/messaging';
import { waitFor } from '#libs/testing';
import type { EntityManager } from 'typeorm';
import { openMessagingTestBed, type MessagingTestBed } from './support/messaging-test-bed.js';
import { aProbeEnvelope, PROBE_SUBJECT, recordProbeEffect, type Probe } from './support/probe.js';

/** Makes PostgreSQL itself fail the transaction with a conflict SQLSTATE, as a real lost race does. */
async function loseARace(manager: EntityManager, condition: 'serialization_failure' | 'deadlock_detected') {
  await manager.query(`DO $$ BEGIN RAISE EXCEPTION 'lost a race' USING ERRCODE = '${condition}'; END $$`);
}

describe('a transaction that loses a race', () => {
  let bed: MessagingTestBed;
  let messaging: Messaging | undefined;
  /** The delivery count the handler saw on each attempt, committed or not. */
  let deliveries: number[];

  beforeEach(async () => {
    bed = await openMessagingTestBed('race');
    deliveries = [];
  });
  afterEach(async () => {
    await messaging?.stop();
    messaging = undefined;
    await bed.close();
  });

  async function start(service: string, handle: (n: number, manager: EntityManager) => Promise<void>) {
    messaging = await startMessaging({
      service,
      natsUrl: bed.natsUrl,
      namespace: bed.namespace,
      dataSource: bed.dataSource,
      cipher: bed.cipher,
      consumerDefaults: { maxDeliver: 3, backoff: { initialMs: 50, factor: 2, maxMs: 200 } },
      handlers: [
        {
          subject: PROBE_SUBJECT,
          handle: async (event, { manager, deliveryCount }) => {
            const probe = event as typeof event & { data: Probe };
            deliveries.push(deliveryCount);
            await handle(probe.data.n, manager);
            await recordProbeEffect(manager, probe);
          },
        },
      ],
      logger: { warn: () => undefined, error: () => undefined },
    });
  }

  async function publish(n: number): Promise<string> {
    const envelope = aProbeEnvelope(n);
    await bed.js.publish(bed.namespace.subject(PROBE_SUBJECT), JSON.stringify(envelope), { msgID: envelope.id });
    return envelope.id;
  }

  async function conflictRetries(service: string): Promise<number> {
    const metric = await infrastructureRetriesTotal.get();
    return metric.values.find((v) => v.labels.service === service && v.labels.kind === 'conflict')?.value ?? 0;
  }

  it('is tried again at once, on the same delivery, and handled once', async () => {
    const losses = new Map<number, number>();
    await start('racy', async (n, manager) => {
      const lost = losses.get(n) ?? 0;
      if (lost < 2) {
        losses.set(n, lost + 1);
        await loseARace(manager, n % 2 ? 'deadlock_detected' : 'serialization_failure');
      }
    });
    const ids = [await publish(1), await publish(2)];

    await bed.consumerSettled('racy', 2);
    for (const id of ids) expect(await bed.effects(id)).toBe(1);
    // Two lost races per message cost none of its three deliveries.
    expect(Math.max(...deliveries)).toBe(1);
    expect(messaging?.consumers[0].stats.failed).toBe(0);
    expect(await bed.streamCount('DLQ')).toBe(0);
    expect(await conflictRetries('racy')).toBeGreaterThanOrEqual(4);
  });

  it('that keeps losing past the retries counts as a failed delivery and ends in dead letters', async () => {
    await start('always-loses', async (_, manager) => loseARace(manager, 'deadlock_detected'));
    await publish(5);

    await waitFor(async () => (await bed.streamCount('DLQ')) === 1, { what: 'a dead letter' });
    const letter = await bed.jsm.streams.getMessage(bed.namespace.stream('DLQ'), { seq: 1 });
    expect(letter?.header.get(DeadLetterHeaders.deliveryCount)).toBe('3');
    expect(letter?.header.get(DeadLetterHeaders.error)).toBe('lost a race');
    // Three deliveries, each tried four times (once and three retries).
    expect(deliveries).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    expect(await bed.effects()).toBe(0);
  });
});
