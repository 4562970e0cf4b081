import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { STREAMS } from '#libs/contracts';

/**
 * Messages waiting for one service's durable consumers (not yet delivered, or delivered and not yet
 * acknowledged), over every stream: how much backlog a service has when the catch-up scenario takes
 * PostgreSQL away. Durable names start with `<service>__` (libs/messaging naming.ts). Undefined when
 * NATS does not answer.
 */
export async function consumerBacklog(natsUrl: string, service: string): Promise<number | undefined> {
  const connection = await connect({ servers: natsUrl, name: 'chaos-backlog', maxReconnectAttempts: 0 }).catch(
    () => undefined,
  );
  if (!connection) return undefined;
  try {
    const jsm = await jetstreamManager(connection);
    let waiting = 0;
    for (const { name } of STREAMS) {
      for await (const consumer of jsm.consumers.list(name)) {
        if (consumer.name.startsWith(`${service}__`)) waiting += consumer.num_pending + consumer.num_ack_pending;
      }
    }
    return waiting;
  } catch {
    return undefined;
  } finally {
    await connection.close();
  }
}
