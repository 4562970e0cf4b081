import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { STREAMS } from '#libs/contracts';
import { connectBus } from '#libs/messaging';

/** What one service's durable consumers have not finished, summed over them. */
export interface Backlog {
  /** Stored and not yet delivered. */
  waiting: number;
  /** Delivered and not yet acknowledged: in a consumer's hands (or a dead process's, until ack_wait). */
  inHand: number;
}

/**
 * Reads a service's consumers' backlog on the campaign's bus, fast enough to poll: the consumers are
 * found once (durable names start with `<service>__`, libs/messaging naming.ts), then asked directly.
 * One connection, which reconnects after NATS comes back.
 */
export class ConsumerBacklog {
  private manager: Promise<JetStreamManager> | undefined;
  private connection: NatsConnection | undefined;
  private readonly durables = new Map<string, { stream: string; name: string }[]>();

  constructor(private readonly natsUrl: string) {}

  /** Undefined while NATS does not answer. */
  async of(service: string): Promise<Backlog | undefined> {
    try {
      const jsm = await this.jsm();
      const backlog = { waiting: 0, inHand: 0 };
      for (const { stream, name } of await this.durablesOf(jsm, service)) {
        const info = await jsm.consumers.info(stream, name);
        backlog.waiting += info.num_pending;
        backlog.inHand += info.num_ack_pending;
      }
      return backlog;
    } catch {
      return undefined;
    }
  }

  async close(): Promise<void> {
    await this.connection?.close();
  }

  private jsm(): Promise<JetStreamManager> {
    this.manager ??= (async () => {
      this.connection = await connectBus(this.natsUrl, 'chaos-backlog');
      // A short timeout: asked every few milliseconds, and a NATS outage must not hold the fault runner.
      return jetstreamManager(this.connection, { timeout: 2_000, checkAPI: false });
    })().catch((error: unknown) => {
      this.manager = undefined;
      throw error;
    });
    return this.manager;
  }

  private async durablesOf(jsm: JetStreamManager, service: string) {
    const known = this.durables.get(service);
    if (known) return known;
    const found: { stream: string; name: string }[] = [];
    // The campaign's bus has no namespace: stream names are STREAMS' own.
    for (const { name: stream } of STREAMS) {
      for await (const consumer of jsm.consumers.list(stream)) {
        if (consumer.name.startsWith(`${service}__`)) found.push({ stream, name: consumer.name });
      }
    }
    this.durables.set(service, found);
    return found;
  }
}
