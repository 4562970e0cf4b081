import { randomUUID } from 'node:crypto';
import { BusNamespace, parseSubjectName, validateEnvelope, type Causation, type Envelope } from '#libs/contracts';
import type { EntityManager } from 'typeorm';
import { captureTraceHeaders } from './trace-context.js';

/** Headers stored with an outbox row and sent with the message. */
export interface OutboxHeaders {
  'correlation-id': string;
  traceparent?: string;
  tracestate?: string;
}

/**
 * Writes events into the outbox table inside the caller's transaction, so an event exists exactly
 * when the state change that caused it commits. The relay publishes it afterwards.
 */
export class Outbox {
  readonly namespace: BusNamespace;

  constructor(namespace: BusNamespace | string = '') {
    this.namespace = typeof namespace === 'string' ? new BusNamespace(namespace) : namespace;
  }

  /**
   * Validates `data` against the bare `subject`'s schema (a bad event fails the transaction here,
   * not in a consumer) and inserts it. Returns the envelope as it will travel.
   */
  async add<T>(manager: EntityManager, subject: string, data: T, causation: Causation): Promise<Envelope<T>> {
    const { type, version } = parseSubjectName(subject);
    const envelope = validateEnvelope<T>(subject, {
      id: randomUUID(),
      type,
      version,
      occurredAt: new Date().toISOString(),
      correlationId: causation.correlationId,
      causationId: causation.causationId,
      data,
    });
    const headers: OutboxHeaders = { 'correlation-id': envelope.correlationId, ...captureTraceHeaders() };
    await manager.query(`INSERT INTO outbox (id, subject, envelope, headers) VALUES ($1, $2, $3, $4)`, [
      envelope.id,
      this.namespace.subject(subject),
      JSON.stringify(envelope),
      JSON.stringify(headers),
    ]);
    return envelope;
  }
}
