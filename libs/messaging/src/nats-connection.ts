import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { natsServers } from '#libs/config';

/** Opens the process's one NATS connection, reconnecting forever (a broker restart is not a crash). */
export function connectBus(natsUrl: string, name: string): Promise<NatsConnection> {
  return connect({ servers: natsServers(natsUrl), name, maxReconnectAttempts: -1, reconnectTimeWait: 1000 });
}

/**
 * Holds the process's one NATS connection and JetStream context: every publisher and consumer shares
 * them, since a connection per message (or per handler) costs far more than the work itself.
 * `isConnected()` is what a readiness probe asks.
 */
export class NatsConnectionHolder {
  private connected = true;
  readonly js: JetStreamClient;

  constructor(readonly connection: NatsConnection) {
    this.js = jetstream(connection);
    void this.followStatus();
  }

  static async connect(natsUrl: string, name: string): Promise<NatsConnectionHolder> {
    return new NatsConnectionHolder(await connectBus(natsUrl, name));
  }

  jetstreamManager(): Promise<JetStreamManager> {
    return jetstreamManager(this.connection);
  }

  isConnected(): boolean {
    return this.connected && !this.connection.isClosed() && !this.connection.isDraining();
  }

  /** Flushes pending acks and publishes, then closes. Safe to call twice. */
  async close(): Promise<void> {
    if (this.connection.isClosed() || this.connection.isDraining()) return this.connection.closed().then(() => {});
    await this.connection.drain().catch(() => this.connection.close());
  }

  private async followStatus(): Promise<void> {
    for await (const status of this.connection.status()) {
      if (status.type === 'disconnect') this.connected = false;
      if (status.type === 'reconnect') this.connected = true;
    }
  }
}
