import { randomUUID } from 'node:crypto';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { firstValueFrom, timeout } from 'rxjs';
import { BusNamespace, type Envelope, type Principal, type RpcReply, type RpcRequest } from '#libs/contracts';
import { consumerCaughtUp, publishStandIn, watchBus } from '#libs/test-bed';

/**
 * The eval's side of the bus: it publishes other services' events as they would (validated
 * envelopes on JetStream), calls fraud over request/reply as the gateway would, and watches fraud's events.
 */
export class EvalBus {
  private constructor(
    private readonly namespace: BusNamespace,
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly rpc: ClientProxy,
  ) {}

  static async open(natsUrl: string, namespace: string): Promise<EvalBus> {
    const nc = await connect({ servers: natsUrl, name: 'fraud-eval' });
    const rpc = ClientProxyFactory.create({
      transport: Transport.NATS,
      options: { servers: [natsUrl], name: 'fraud-eval-rpc' },
    });
    await rpc.connect();
    return new EvalBus(new BusNamespace(namespace), nc, jetstream(nc), rpc);
  }

  /** Publishes in the given order (one connection keeps it) and waits for JetStream's acks. */
  async publishAll<T>(subject: string, items: readonly T[]): Promise<void> {
    await Promise.all(items.map((data) => publishStandIn(this.js, this.namespace, subject, data)));
  }

  /** Every message fraud's consumer of `subject` was given is handled and acked. */
  async consumed(subject: string, timeoutMs = 120_000): Promise<void> {
    await consumerCaughtUp(this.nc, this.namespace, 'fraud', subject, { timeoutMs, intervalMs: 100 });
  }

  /** Calls `fraud` and insists on success. */
  async must<R>(pattern: string, principal: Principal, payload: unknown): Promise<R> {
    const request: RpcRequest<unknown> = { principal, requestId: randomUUID(), payload };
    const reply = await firstValueFrom(
      this.rpc.send<RpcReply<R>>(this.namespace.subject(pattern), request).pipe(timeout(30_000)),
    );
    if (!reply.ok) throw new Error(`${pattern} failed: ${JSON.stringify(reply.error)}`);
    return reply.value;
  }

  /** Calls `onEvent` for each event fraud publishes on `subject` from now on. */
  watch<T>(subject: string, onEvent: (envelope: Envelope<T>) => void): void {
    watchBus(this.nc, this.namespace, subject, (message) => onEvent(message.envelope as Envelope<T>));
  }

  async close(): Promise<void> {
    await this.rpc.close();
    await this.nc.close();
  }
}
