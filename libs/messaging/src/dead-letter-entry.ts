import { BusNamespace, DEAD_LETTER_PREFIX } from '#libs/contracts';
import { DeadLetterHeaders } from './dead-letter.js';

/**
 * What a dead letter says about itself, read from its headers and envelope: pure, so the store
 * (I/O) stays thin and the views are tested without a broker.
 */
export interface DeadLetterEntry {
  /** The letter's sequence in the namespace's DLQ stream: stable until the letter is removed. */
  id: number;
  /** The bare subject the message was consumed from, and is replayed to. */
  subject: string;
  /** `MAX_DELIVER` or `CONTRACT_VIOLATION` (dead-letter.ts); another text if a future version adds one. */
  reason: string;
  error: string;
  /** The durable consumer that gave up on it. */
  consumer: string;
  deliveryCount: number;
  /** When the letter was stored (RFC 3339, UTC). */
  deadLetteredAt: string;
  /** Null when the payload is not an envelope (a contract violation can be anything). */
  envelopeId: string | null;
  envelopeType: string | null;
  correlationId: string | null;
}

/** An entry with what an operator needs to judge it: every header and the payload as it was sent. */
export interface DeadLetterDetail extends DeadLetterEntry {
  headers: Record<string, string>;
  /** The payload parsed as JSON, or its text when it is not JSON. */
  payload: unknown;
}

/** A stored message of the DLQ stream, whichever API read it (stream get or ordered consumer). */
export interface RawDeadLetter {
  seq: number;
  subject: string;
  headers: Record<string, string>;
  data: Uint8Array;
  storedAt: Date;
}

export function toDeadLetterEntry(letter: RawDeadLetter, namespace: BusNamespace): DeadLetterEntry {
  const envelope = envelopeFields(parsePayload(letter.data));
  const deliveries = Number(letter.headers[DeadLetterHeaders.deliveryCount]);
  return {
    id: letter.seq,
    subject: bareOriginalSubject(letter.subject, namespace),
    reason: letter.headers[DeadLetterHeaders.reason] ?? 'UNKNOWN',
    error: letter.headers[DeadLetterHeaders.error] ?? '',
    consumer: letter.headers[DeadLetterHeaders.consumer] ?? '',
    deliveryCount: Number.isSafeInteger(deliveries) ? deliveries : 0,
    deadLetteredAt: letter.storedAt.toISOString(),
    ...envelope,
  };
}

export function toDeadLetterDetail(letter: RawDeadLetter, namespace: BusNamespace): DeadLetterDetail {
  return { ...toDeadLetterEntry(letter, namespace), headers: letter.headers, payload: parsePayload(letter.data) };
}

/**
 * `<ns>.dlq.claims.claim.decided.v1` → `claims.claim.decided.v1`. Read from the letter's own subject
 * rather than its `dlq-original-subject` header, so a replay can only ever go back into this namespace.
 */
export function bareOriginalSubject(deadLetterSubject: string, namespace: BusNamespace): string {
  const bare = namespace.strip(deadLetterSubject);
  if (!bare.startsWith(DEAD_LETTER_PREFIX) || bare.length === DEAD_LETTER_PREFIX.length) {
    throw new Error(`"${deadLetterSubject}" is not a dead-letter subject of namespace "${namespace.prefix}"`);
  }
  return bare.slice(DEAD_LETTER_PREFIX.length);
}

/**
 * The headers a replay sends: the original ones (traceparent, correlation id, …) without what the
 * dead-lettering added (`dlq-*`) and without `Nats-*`, which belong to one publish (above all the
 * dead letter's own `Nats-Msg-Id`, which would make the replay look like a duplicate).
 */
export function replayHeaders(headers: Record<string, string>): Record<string, string> {
  const added = new Set<string>(Object.values(DeadLetterHeaders));
  return Object.fromEntries(
    Object.entries(headers).filter(([key]) => {
      const name = key.toLowerCase();
      return !added.has(name) && !name.startsWith('nats-');
    }),
  );
}

/**
 * The `Nats-Msg-Id` of a replay: derived from the letter, so two replays of it within the duplicate
 * window are one message. Never the envelope id: the original publish used that, and a replay soon
 * after it would be dropped as its duplicate.
 */
export function replayMessageId(deadLetterStream: string, id: number): string {
  return `dlq-replay:${deadLetterStream}:${id}`;
}

function parsePayload(data: Uint8Array): unknown {
  const text = new TextDecoder().decode(data);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function envelopeFields(payload: unknown): Pick<DeadLetterEntry, 'envelopeId' | 'envelopeType' | 'correlationId'> {
  const envelope = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    envelopeId: text(envelope.id),
    envelopeType: text(envelope.type),
    correlationId: text(envelope.correlationId),
  };
}
