import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { BusNamespace, DEAD_LETTER_PREFIX } from '#libs/contracts';
import { DeadLetterHeaders } from '#libs/messaging';
import type { DeadLetterObservation } from './observations.js';

/** The stream `<ns>.dlq.>` lands in (libs/contracts STREAMS). */
const DEAD_LETTER_STREAM = 'DLQ';

/**
 * Every message in the dead-letter stream, with the headers libs/messaging puts on it (reason, error,
 * consumer, original subject) and the claim it was about, read one by one by sequence.
 */
export async function readDeadLetters(natsUrl: string, namespace = ''): Promise<DeadLetterObservation[]> {
  const connection = await connect({ servers: natsUrl, name: 'chaos-dead-letters', maxReconnectAttempts: 5 });
  try {
    const jsm = await jetstreamManager(connection);
    const stream = new BusNamespace(namespace).stream(DEAD_LETTER_STREAM);
    const { state } = await jsm.streams.info(stream);
    const letters: DeadLetterObservation[] = [];
    if (state.messages === 0) return letters;
    for (let seq = state.first_seq; seq <= state.last_seq; seq += 1) {
      const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      if (!message) continue;
      const header = (name: string) => message.header?.get(name) ?? '';
      letters.push({
        subject: message.subject,
        originalSubject: header(DeadLetterHeaders.originalSubject) || stripPrefix(message.subject, namespace),
        consumer: header(DeadLetterHeaders.consumer),
        reason: header(DeadLetterHeaders.reason),
        error: header(DeadLetterHeaders.error),
        deliveryCount: Number(header(DeadLetterHeaders.deliveryCount)) || 0,
        at: message.time.toISOString(),
        ...claimOf(message.data),
      });
    }
    return letters;
  } finally {
    await connection.close();
  }
}

function stripPrefix(subject: string, namespace: string): string {
  const bare = new BusNamespace(namespace).strip(subject);
  return bare.startsWith(DEAD_LETTER_PREFIX) ? bare.slice(DEAD_LETTER_PREFIX.length) : bare;
}

/** data.claimId of the envelope a dead letter carries, when it is readable and has one. */
function claimOf(data: Uint8Array): { claimId?: string } {
  try {
    const envelope = JSON.parse(new TextDecoder().decode(data)) as { data?: { claimId?: unknown } };
    return typeof envelope.data?.claimId === 'string' ? { claimId: envelope.data.claimId } : {};
  } catch {
    return {};
  }
}
