import { headers } from '@nats-io/transport-node';
import { waitFor } from '#libs/testing';
import { durableName, startMessaging, type EventHandlerRegistration, type Messaging } from '#libs/messaging';
import { killFixtures, startFixture } from './support/child-process.js';
import { openMessagingTestBed, type MessagingTestBed } from './support/messaging-test-bed.js';
import { aProbeEnvelope, PROBE_SUBJECT, recordProbeEffect, type Probe } from './support/probe.js';

describe('a handler behind the inbox', () => {
  let bed: MessagingTestBed;
  let messaging: Messaging | undefined;

  // A bed per test: consumers deliver everything in the stream, so tests must not see each other's.
  beforeEach(async () => {
    bed = await openMessagingTestBed('inbox');
  });
  afterEach(async () => {
    await killFixtures();
    await messaging?.stop();
    messaging = undefined;
    await bed.close();
  });

  function countingHandler(calls: { count: number }): EventHandlerRegistration {
    return {
      subject: PROBE_SUBJECT,
      handle: async (event, { manager }) => {
        calls.count += 1;
        await recordProbeEffect(manager, event as typeof event & { data: Probe });
      },
    };
  }

  it('has its effect once when the same event is published twice', async () => {
    const service = 'twice';
    const calls = { count: 0 };
    messaging = await startMessaging({
      service,
      natsUrl: bed.natsUrl,
      namespace: bed.namespace,
      dataSource: bed.dataSource,
      cipher: bed.cipher,
      handlers: [countingHandler(calls)],
    });
    const envelope = aProbeEnvelope(1);
    const subject = bed.namespace.subject(PROBE_SUBJECT);
    // Different Nats-Msg-Ids get past JetStream's dedupe, as a second relay after the window would.
    const first = await bed.js.publish(subject, JSON.stringify(envelope), { msgID: `${envelope.id}-a` });
    const second = await bed.js.publish(subject, JSON.stringify(envelope), { msgID: `${envelope.id}-b` });
    expect(second.duplicate).toBe(false);

    await bed.consumerSettled(service, second.seq);
    expect(second.seq).toBe(first.seq + 1);
    expect(await bed.effects(envelope.id)).toBe(1);
    expect(calls.count).toBe(1);
  });

  it('has its effect once when the consumer died after commit and before its ack', async () => {
    const service = 'crashy';
    const ackWaitMs = 1500;
    const child = await startFixture('crash-after-commit-consumer', {
      DATABASE_URL: bed.databaseUrl,
      NATS_URL: bed.natsUrl,
      BUS_NAMESPACE: bed.namespace.prefix,
      SERVICE: service,
      ACK_WAIT_MS: String(ackWaitMs),
    });
    const envelope = aProbeEnvelope(2);
    const hdrs = headers();
    hdrs.set('correlation-id', envelope.correlationId);
    await bed.js.publish(bed.namespace.subject(PROBE_SUBJECT), JSON.stringify(envelope), {
      msgID: envelope.id,
      headers: hdrs,
    });

    expect(await child.exitWithin(10000)).toBe('SIGKILL');
    expect(child.output()).toContain('committed');
    expect(await bed.effects(envelope.id)).toBe(1);
    const stream = bed.namespace.stream('CLAIMS');
    const afterCrash = await bed.jsm.consumers.info(stream, durableName(service, PROBE_SUBJECT));
    expect(afterCrash.num_ack_pending).toBe(1);

    // A fresh process of the same service gets the redelivery after ack_wait.
    const calls = { count: 0 };
    messaging = await startMessaging({
      service,
      natsUrl: bed.natsUrl,
      namespace: bed.namespace,
      dataSource: bed.dataSource,
      cipher: bed.cipher,
      handlers: [{ ...countingHandler(calls), options: { ackWaitMs } }],
    });
    const settled = await waitFor(
      async () => {
        const info = await bed.jsm.consumers.info(stream, durableName(service, PROBE_SUBJECT));
        return info.num_ack_pending === 0 && info.num_pending === 0 && info.num_redelivered === 0 && info;
      },
      { what: 'the redelivery to be acked', timeoutMs: 20000 },
    );
    expect(settled.delivered.consumer_seq).toBe(2);
    expect(calls.count).toBe(0);
    expect(await bed.effects(envelope.id)).toBe(1);
  });
});
