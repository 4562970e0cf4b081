import { newCorrelation } from '#libs/contracts';
import { Outbox, OutboxRelay } from '#libs/messaging';
import { waitFor } from '#libs/testing';
import type { JetStreamClient } from '@nats-io/jetstream';
import { register } from 'prom-client';
import { openMessagingTestBed, type MessagingTestBed } from './support/messaging-test-bed.js';
import { PROBE_SUBJECT } from './support/probe.js';

const SERVICE = 'outbox-lag-test';

/** The service's value of a gauge as /metrics would serve it (the default registry), or undefined. */
async function gaugeValue(name: string): Promise<number | undefined> {
  const text = await register.metrics();
  const match = new RegExp(`^${name}\\{service="${SERVICE}"\\} (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : undefined;
}

describe('the outbox lag gauges', () => {
  let bed: MessagingTestBed;
  let relay: OutboxRelay;
  /** While true every publish fails, as with the bus down: the relay keeps the rows unpublished. */
  let busDown = true;

  beforeAll(async () => {
    bed = await openMessagingTestBed('outboxlag');
    const js = new Proxy(bed.js, {
      get(target, property, receiver) {
        if (property !== 'publish') return Reflect.get(target, property, receiver);
        return (...args: Parameters<JetStreamClient['publish']>) =>
          busDown ? Promise.reject(new Error('the bus is down (staged)')) : target.publish(...args);
      },
    });
    // Quiet: the staged outage is logged as one by design, which is not what this file looks at.
    const logger = { warn: () => undefined, error: () => undefined };
    relay = new OutboxRelay({
      dataSource: bed.dataSource,
      cipher: bed.cipher,
      js,
      service: SERVICE,
      pollIntervalMs: 50,
      logger,
    });
    await relay.start();
  });
  afterAll(async () => {
    await relay?.stop();
    await bed?.close();
  });

  it('reads 0 while nothing waits', async () => {
    expect(await gaugeValue('messaging_outbox_unpublished')).toBe(0);
    expect(await gaugeValue('messaging_outbox_oldest_unpublished_seconds')).toBe(0);
  });

  it('counts the events the relay cannot publish and ages the oldest, then reads 0 once they are out', async () => {
    const outbox = new Outbox(bed.namespace, bed.cipher);
    await bed.dataSource.transaction(async (manager) => {
      for (let n = 0; n < 3; n++) await outbox.add(manager, PROBE_SUBJECT, { n }, newCorrelation());
    });
    await new Promise((resolve) => setTimeout(resolve, 1200));

    expect(await gaugeValue('messaging_outbox_unpublished')).toBe(3);
    const age = await gaugeValue('messaging_outbox_oldest_unpublished_seconds');
    expect(age).toBeGreaterThanOrEqual(1.2);
    expect(age).toBeLessThan(30);

    busDown = false;
    await waitFor(async () => (await gaugeValue('messaging_outbox_unpublished')) === 0, {
      what: 'the relay to publish the waiting events',
      timeoutMs: 15_000,
    });
    expect(await gaugeValue('messaging_outbox_oldest_unpublished_seconds')).toBe(0);
    expect(await bed.streamCount('CLAIMS')).toBe(3);
  });

  it('leaves a stopped relay’s service out of the gauges', async () => {
    await relay.stop();
    expect(await gaugeValue('messaging_outbox_unpublished')).toBeUndefined();
    expect(await gaugeValue('messaging_outbox_oldest_unpublished_seconds')).toBeUndefined();
  });
});
