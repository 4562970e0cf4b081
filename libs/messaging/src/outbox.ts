import { randomUUID } from 'node:crypto';
import { BusNamespace, parseSubjectName, validateEnvelope, type Causation, type Envelope } from '#libs/contracts';
import type { PhiCipher } from '#libs/phi';
import type { EntityManager } from 'typeorm';
import { sealOutboxEnvelope } from './outbox-seal.js';
import { captureTraceHeaders } from './trace-context.js';

/** Headers stored with an outbox row and sent with the message. */
export interface OutboxHeaders {
  'correlation-id': string;
  traceparent?: string;
  tracestate?: string;
}

/**
 * An outbox row ready to insert (the JSON columns already serialized), and the envelope it carries.
 * A service that must insert it in a statement of its own (e.g. together with the state change, in
 * one INSERT) gets it from `Outbox.prepare`, so the envelope and headers are built in one place.
 */
export interface PreparedOutboxRow<T> {
  id: string;
  /** The namespaced subject the relay publishes to. */
  subject: string;
  /** The `envelope` column's value: JSON of `message`, sealed (personal data never rests in the clear). */
  envelope: string;
  /** JSON of the `OutboxHeaders`. */
  headers: string;
  message: Envelope<T>;
}

/**
 * Writes events into the outbox table inside the caller's transaction, so an event exists exactly
 * when the state change that caused it commits. The relay publishes it afterwards. Envelopes are
 * sealed with the service's `PhiCipher` (libs/phi): events carry names, birth dates and diagnoses.
 */
export class Outbox {
  readonly namespace: BusNamespace;

  constructor(
    namespace: BusNamespace | string,
    /** Seals the envelopes; the relay opens them with the same. */
    readonly cipher: PhiCipher,
  ) {
    this.namespace = typeof namespace === 'string' ? new BusNamespace(namespace) : namespace;
  }

  /**
   * Validates `data` against the bare `subject`'s schema (a bad event fails here, before anything is
   * stored, not in a consumer) and builds the row `add` inserts: a new envelope id, the correlation
   * and causation, and the active trace context's headers.
   */
  prepare<T>(subject: string, data: T, causation: Causation): PreparedOutboxRow<T> {
    const { type, version } = parseSubjectName(subject);
    const message = validateEnvelope<T>(subject, {
      id: randomUUID(),
      type,
      version,
      occurredAt: new Date().toISOString(),
      correlationId: causation.correlationId,
      causationId: causation.causationId,
      data,
    });
    const headers: OutboxHeaders = { 'correlation-id': message.correlationId, ...captureTraceHeaders() };
    return {
      id: message.id,
      subject: this.namespace.subject(subject),
      envelope: sealOutboxEnvelope(this.cipher, message.id, JSON.stringify(message)),
      headers: JSON.stringify(headers),
      message,
    };
  }

  /** Inserts the row `prepare` builds, in `manager`'s transaction. Returns the envelope as it will travel. */
  async add<T>(manager: EntityManager, subject: string, data: T, causation: Causation): Promise<Envelope<T>> {
    const row = this.prepare(subject, data, causation);
    await this.insert(manager, [row]);
    return row.message;
  }

  /**
   * Inserts rows `prepare` built, in `manager`'s transaction, with one statement however many (a batch
   * handler's events), in the order given.
   */
  async insert(manager: EntityManager, rows: PreparedOutboxRow<unknown>[]): Promise<void> {
    if (!rows.length) return;
    if (rows.length === 1) {
      const [row] = rows;
      await manager.query(`INSERT INTO outbox (id, subject, envelope, headers) VALUES ($1, $2, $3, $4)`, [
        row.id,
        row.subject,
        row.envelope,
        row.headers,
      ]);
      return;
    }
    await manager.query(
      `INSERT INTO outbox (id, subject, envelope, headers)
       SELECT id, subject, envelope, headers
       FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::jsonb[]) WITH ORDINALITY
         AS row (id, subject, envelope, headers, position)
       ORDER BY position`,
      [
        rows.map((row) => row.id),
        rows.map((row) => row.subject),
        rows.map((row) => row.envelope),
        rows.map((row) => row.headers),
      ],
    );
  }
}
