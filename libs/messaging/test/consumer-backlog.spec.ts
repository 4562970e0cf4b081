import { startMessaging, type Messaging } from '#libs/messaging';
import { waitFor } from '#libs/testing';
import { register } from 'prom-client';
import { openMessagingTestBed, type MessagingTestBed } from './support/messaging-test-bed.js';
import { aProbeEnvelope, PROBE_SUBJECT, recordProbeEffect, type Probe } from './support/probe.js';

const SERVICE = 'backlog-test';
const MESSAGES = 30;

/** The service's value of a backlog gauge as /metrics would serve it (the default registry), or undefined. */
async function backlogValue(name: string): Promise<number | undefined> {
  const text = await register.metrics();
  const series = `${name}{service="${SERVICE}",subject="${PROBE_SUBJECT}"} `;
  const line = text.split('\n').find((candidate) => candidate.startsWith(series));
  return line === undefined ? undefined : Number(line.slice(series.length));
}

describe('the consumer backlog gauges', () => {
  let bed: MessagingTestBed;
  let messaging: Messaging | undefined;
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));

  beforeAll(async () => {
    bed = await openMessagingTestBed('backlog');
    messaging = await startMessaging({
      service: SERVICE,
      natsUrl: bed.natsUrl,
      namespace: bed.namespace,
      dataSource: bed.dataSource,
      cipher: bed.cipher,
      handlers: [
        {
          subject: PROBE_SUBJECT,
          // Held until the test opens the gate: everything published meanwhile is backlog.
          handle: async (event, { manager }) => {
            await gate;
            await recordProbeEffect(manager, event as typeof event & { data: Probe });
          },
        },
      ],
    });
  });
  afterAll(async () => {
    release();
    await messaging?.stop();
    await bed?.close();
  });

  it('reports the messages not yet delivered and not yet acked, then 0 once the handler caught up', async () => {
    expect(await backlogValue('messaging_consumer_pending')).toBe(0);
    expect(await backlogValue('messaging_consumer_ack_pending')).toBe(0);

    for (let n = 0; n < MESSAGES; n++) {
      await bed.js.publish(bed.namespace.subject(PROBE_SUBJECT), JSON.stringify(aProbeEnvelope(n)));
    }
    // The first batch is delivered and held at the gate; the rest wait in the stream or the consumer's buffer.
    await waitFor(async () => ((await backlogValue('messaging_consumer_ack_pending')) ?? 0) > 0, {
      what: 'the first delivery',
    });
    try {
      const pending = (await backlogValue('messaging_consumer_pending')) ?? -1;
      const ackPending = (await backlogValue('messaging_consumer_ack_pending')) ?? -1;
      // Each message is either still in the stream or delivered and held unacked: none is lost from view.
      // (The consumer moves what it pulls to a buffer of its own and pulls on, so most show as ack pending.)
      expect(pending + ackPending).toBe(MESSAGES);
      expect(pending).toBeGreaterThanOrEqual(0);
    } finally {
      release();
    }
    await waitFor(
      async () =>
        (await backlogValue('messaging_consumer_pending')) === 0 &&
        (await backlogValue('messaging_consumer_ack_pending')) === 0,
      { what: 'the handler to catch up', timeoutMs: 20_000 },
    );
  });

  it('leaves a stopped consumer out of the gauges', async () => {
    await messaging?.stop();
    messaging = undefined;
    expect(await backlogValue('messaging_consumer_pending')).toBeUndefined();
    expect(await backlogValue('messaging_consumer_ack_pending')).toBeUndefined();
  });
});
