import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { BusNamespace, parseSubjectName, validateEnvelope } from '#libs/contracts';
import { TEST_NATS_URL } from '#libs/testing';

/**
 * Publishes valid envelopes on a stack's bus as another service would (JetStream acked), for a test
 * that stands in for a service the stack does not run (fraud, the ledger bridge).
 */
export async function publishAs(namespace: string, subject: string, data: unknown): Promise<void> {
  const nc = await connect({ servers: TEST_NATS_URL, name: `stand-in-${namespace}` });
  try {
    const { type, version } = parseSubjectName(subject);
    const envelope = validateEnvelope(subject, {
      id: randomUUID(),
      type,
      version,
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
      causationId: null,
      data,
    });
    await jetstream(nc).publish(new BusNamespace(namespace).subject(subject), JSON.stringify(envelope), {
      msgID: envelope.id,
    });
  } finally {
    await nc.close();
  }
}
