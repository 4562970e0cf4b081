import { randomUUID } from 'node:crypto';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { BusNamespace } from '#libs/contracts';
import { deleteStreams } from '#libs/messaging';
import { claimIdOf, consumerCaughtUp, publishStandIn, watchBus, type BusMessage } from './bus-stand-in.js';
import { TEST_NATS_URL, waitFor } from '#libs/testing';

/**
 * A test's side of one bus namespace: it publishes as the other services would and records what the
 * service under test publishes on `watching` (e.g. `billing.>`), from the moment it is opened.
 */
export class TestBus {
  readonly published: BusMessage[] = [];
  private readonly listeners: ((message: BusMessage) => void)[] = [];
  private readonly watcher: Subscription;

  protected constructor(
    readonly namespace: BusNamespace,
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    watching: string,
  ) {
    this.watcher = watchBus(nc, namespace, watching, (message) => {
      this.published.push(message);
      for (const listener of this.listeners) listener(message);
    });
  }

  static async connect(namespace: BusNamespace, watching: string): Promise<TestBus> {
    const nc = await connect({ servers: TEST_NATS_URL, name: `test-${namespace.prefix}` });
    return new TestBus(namespace, nc, jetstream(nc), watching);
  }

  /** Publishes a valid envelope as another service would (JetStream acked); returns its id. */
  async publish<T>(subject: string, data: T, id: string = randomUUID()): Promise<string> {
    // A fresh Nats-Msg-Id, so a deliberate second copy is not dropped by JetStream's dedupe.
    await publishStandIn(this.js, this.namespace, subject, data, { id, msgID: randomUUID() });
    return id;
  }

  /** Calls `listener` for every watched event published from now on. */
  onEvent(listener: (message: BusMessage) => void): void {
    this.listeners.push(listener);
  }

  /** What was published on `subject`, optionally only about one claim. */
  eventsOf<T>(subject: string, claimId?: string): BusMessage<T>[] {
    return this.published.filter(
      (message) =>
        message.subject === subject && (claimId === undefined || claimIdOf(message.envelope.data) === claimId),
    ) as BusMessage<T>[];
  }

  /** Waits for the `count`-th event on `subject` (about `claimId`) and returns them all. */
  async waitForEvents<T>(
    subject: string,
    { claimId, count = 1, timeoutMs }: { claimId?: string; count?: number; timeoutMs?: number } = {},
  ): Promise<BusMessage<T>[]> {
    return waitFor(
      () => (this.eventsOf<T>(subject, claimId).length >= count ? this.eventsOf<T>(subject, claimId) : undefined),
      { what: `${count} ${subject} event(s)${claimId ? ` for ${claimId}` : ''}`, timeoutMs },
    );
  }

  /** Waits until `service` has handled and acked everything published on `subject` so far. */
  async consumedBy(service: string, subject: string): Promise<void> {
    await consumerCaughtUp(this.nc, this.namespace, service, subject);
  }

  /** Stops watching, deletes the namespace's streams and disconnects. */
  async close(): Promise<void> {
    this.watcher.unsubscribe();
    await deleteStreams(this.nc, this.namespace).catch(() => undefined);
    await this.nc.close();
  }
}
