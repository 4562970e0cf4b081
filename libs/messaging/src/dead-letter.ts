import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { BusNamespace } from '#libs/contracts';
import { deadLetterSubject } from './naming.js';

/** Why a message was dead-lettered: its contract was broken, or every delivery failed. */
export type DeadLetterReason = 'CONTRACT_VIOLATION' | 'MAX_DELIVER';

/** Headers a dead letter carries, for the human who looks at it. */
export const DeadLetterHeaders = {
  reason: 'dlq-reason',
  error: 'dlq-error',
  originalSubject: 'dlq-original-subject',
  deliveryCount: 'dlq-delivery-count',
  consumer: 'dlq-consumer',
  stream: 'dlq-stream',
  streamSequence: 'dlq-stream-sequence',
} as const;

export interface DeadLetter {
  namespace: BusNamespace;
  /** The bare subject the message was consumed from. */
  subject: string;
  consumer: string;
  reason: DeadLetterReason;
  error: string;
}

/** The error as one header value: headers cannot hold line breaks, and a stack is not needed. */
export function headerSafe(text: string, max = 2000): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length > max ? `${single.slice(0, max - 1)}…` : single;
}

/**
 * Publishes the raw message to `<ns>.dlq.<subject>` with its original headers and the failure.
 * The msgID makes a repeat (a crash after this publish, before the term) a JetStream duplicate.
 */
export async function publishDeadLetter(js: JetStreamClient, msg: JsMsg, letter: DeadLetter): Promise<void> {
  const headers = natsHeaders();
  for (const key of msg.headers?.keys() ?? []) {
    // Nats-* headers (the original Nats-Msg-Id above all) belong to the original publish.
    if (!key.toLowerCase().startsWith('nats-')) headers.set(key, msg.headers?.get(key) ?? '');
  }
  headers.set(DeadLetterHeaders.reason, letter.reason);
  headers.set(DeadLetterHeaders.error, headerSafe(letter.error) || '(no message)');
  headers.set(DeadLetterHeaders.originalSubject, msg.subject);
  headers.set(DeadLetterHeaders.deliveryCount, String(msg.info.deliveryCount));
  headers.set(DeadLetterHeaders.consumer, letter.consumer);
  headers.set(DeadLetterHeaders.stream, msg.info.stream);
  headers.set(DeadLetterHeaders.streamSequence, String(msg.info.streamSequence));
  await js.publish(deadLetterSubject(letter.namespace, letter.subject), msg.data, {
    headers,
    msgID: `${letter.consumer}:${msg.info.stream}:${msg.info.streamSequence}`,
  });
}
