import { randomUUID } from 'node:crypto';
import { jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { parseSubjectName, validateEnvelope, type BusNamespace, type Envelope } from '#libs/contracts';
import { durableName, streamOf } from '#libs/messaging';
import { waitFor } from '#libs/testing';

/** An event seen on the bus, under its bare subject (without the namespace). */
export interface BusMessage<T = unknown> {
  subject: string;
  envelope: Envelope<T>;
}

/** A valid envelope for `subject`, as another service would publish it: a new correlation, no cause. */
export function standInEnvelope<T>(subject: string, data: T, id: string = randomUUID()): Envelope<T> {
  const { type, version } = parseSubjectName(subject);
  return validateEnvelope<T>(subject, {
    id,
    type,
    version,
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    causationId: null,
    data,
  });
}

/**
 * Publishes a stand-in envelope on JetStream and waits for its ack. `msgID` (JetStream's dedupe key)
 * is the envelope id unless given: pass a fresh one to have a deliberate second copy kept.
 */
export async function publishStandIn<T>(
  js: JetStreamClient,
  namespace: BusNamespace,
  subject: string,
  data: T,
  { id, msgID }: { id?: string; msgID?: string } = {},
): Promise<Envelope<T>> {
  const envelope = standInEnvelope(subject, data, id);
  await js.publish(namespace.subject(subject), JSON.stringify(envelope), { msgID: msgID ?? envelope.id });
  return envelope;
}

/**
 * Watches `pattern` (e.g. `claims.>`) in the namespace with a core subscription, which sees what
 * JetStream stores there, and hands each message over under its bare subject.
 */
export function watchBus(
  nc: NatsConnection,
  namespace: BusNamespace,
  pattern: string,
  onMessage: (message: BusMessage) => void,
): Subscription {
  return nc.subscribe(namespace.subject(pattern), {
    callback: (error, msg) => {
      if (!error) onMessage({ subject: namespace.strip(msg.subject), envelope: msg.json<Envelope>() });
    },
  });
}

/** Waits until `service`'s durable consumer of `subject` has handled and acked everything given to it. */
export async function consumerCaughtUp(
  nc: NatsConnection,
  namespace: BusNamespace,
  service: string,
  subject: string,
  { timeoutMs = 20_000, intervalMs }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const stream = namespace.stream(streamOf(subject));
  await waitFor(
    async () => {
      const consumer = await jsm.consumers.info(stream, durableName(service, subject));
      return consumer.num_pending === 0 && consumer.num_ack_pending === 0;
    },
    { what: `the ${service} consumer of ${subject} to ack everything`, timeoutMs, intervalMs },
  );
}

/**
 * The claim an event is about: its own `claimId`, or that of the claim it carries (a check request's
 * `claim`, a settlement request's `decided`).
 */
export function claimIdOf(data: unknown): string | undefined {
  const event = data as { claimId?: string; claim?: { claimId?: string }; decided?: { claimId?: string } };
  return event.claimId ?? event.claim?.claimId ?? event.decided?.claimId;
}
