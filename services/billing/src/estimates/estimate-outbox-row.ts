import { randomUUID } from 'node:crypto';
import { parseSubjectName, Subjects, validateEnvelope, type Causation, type EstimateCreated } from '#libs/contracts';
import { captureTraceHeaders, type Outbox, type OutboxHeaders } from '#libs/messaging';

/** The outbox row of `billing.estimate.created.v1`, ready to insert in the estimate's own statement. */
export interface OutboxRow {
  id: string;
  subject: string;
  envelope: string;
  headers: string;
}

/**
 * The row `Outbox.add` would insert (same envelope, validation and headers), built here so that the
 * estimate and its event go in one INSERT statement: atomic without a transaction, which saves the
 * BEGIN and COMMIT round trips on the hot path. Keep it in step with libs/messaging's `Outbox.add`.
 */
export function estimateCreatedOutboxRow(outbox: Outbox, data: EstimateCreated, causation: Causation): OutboxRow {
  const subject = Subjects.estimateCreated;
  const { type, version } = parseSubjectName(subject);
  const envelope = validateEnvelope<EstimateCreated>(subject, {
    id: randomUUID(),
    type,
    version,
    occurredAt: new Date().toISOString(),
    correlationId: causation.correlationId,
    causationId: causation.causationId,
    data,
  });
  const headers: OutboxHeaders = { 'correlation-id': envelope.correlationId, ...captureTraceHeaders() };
  return {
    id: envelope.id,
    subject: outbox.namespace.subject(subject),
    envelope: JSON.stringify(envelope),
    headers: JSON.stringify(headers),
  };
}
