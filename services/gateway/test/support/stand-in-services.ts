import { connect, type MsgHdrs, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { BusNamespace, type RpcReply, type RpcRequest } from '#libs/contracts';

export interface ReceivedCall {
  pattern: string;
  request: RpcRequest<unknown>;
  headers: Record<string, string>;
}

/** What the stand-in does with one call: answer it, answer late, or never answer. */
export type StandInBehaviour = (
  call: ReceivedCall,
) => { reply: RpcReply<unknown> | Record<string, unknown>; delayMs?: number } | 'silence';

/**
 * A stand-in for the services' request/reply side (every `rpc.>` pattern: claims, underwriting,
 * billing), speaking @nestjs/microservices' NATS packet format, for the gateway's own conventions
 * only (auth, validation, problems, idempotency, headers). The journeys against the real services
 * live in test/api.
 */
export class StandInServices {
  readonly calls: ReceivedCall[] = [];
  behaviour: StandInBehaviour = () => ({ reply: { ok: true, value: {} } });

  private constructor(
    private readonly connection: NatsConnection,
    private readonly subscription: Subscription,
  ) {}

  static async start(natsUrl: string, namespace: string): Promise<StandInServices> {
    const connection = await connect({ servers: natsUrl });
    const bus = new BusNamespace(namespace);
    const subscription = connection.subscribe(bus.subject('rpc.>'));
    const standIn = new StandInServices(connection, subscription);
    void standIn.serve(bus);
    await connection.flush();
    return standIn;
  }

  private async serve(bus: BusNamespace): Promise<void> {
    for await (const message of this.subscription) {
      const packet = message.json<{ id: string; pattern: string; data: RpcRequest<unknown> }>();
      const call = { pattern: bus.strip(message.subject), request: packet.data, headers: headersOf(message.headers) };
      this.calls.push(call);
      const outcome = this.behaviour(call);
      if (outcome === 'silence') continue;
      const respond = () =>
        message.respond(JSON.stringify({ id: packet.id, response: outcome.reply, isDisposed: true }));
      if (outcome.delayMs) setTimeout(respond, outcome.delayMs);
      else respond();
    }
  }

  reset(behaviour?: StandInBehaviour): void {
    this.calls.length = 0;
    if (behaviour) this.behaviour = behaviour;
  }

  async stop(): Promise<void> {
    await this.connection.drain();
  }
}

function headersOf(headers: MsgHdrs | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  if (!headers) return result;
  for (const [name, values] of headers) result[name.toLowerCase()] = values[0] ?? '';
  return result;
}
