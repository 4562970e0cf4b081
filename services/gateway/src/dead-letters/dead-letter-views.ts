import type {
  DeadLetterDetail,
  DeadLetterEntry,
  DeadLetterPage,
  DeadLetterReplayed,
  DeadLetterReplaySummary,
} from '#libs/messaging';

/**
 * What an admin sees of a dead letter over HTTP: who gave up on which message, when and why, never
 * the payload's `data`, which may hold medical information (admins see no claims). Only the
 * envelope's metadata is copied, field by field, so a new payload field can never leak through.
 */
export interface DeadLetterEnvelopeView {
  id: string | null;
  type: string | null;
  version: number | null;
  occurredAt: string | null;
  correlationId: string | null;
  causationId: string | null;
}

export type DeadLetterView = DeadLetterEntry;

export interface DeadLetterDetailView extends DeadLetterView {
  envelope: DeadLetterEnvelopeView;
  headers: Record<string, string>;
}

export interface DeadLetterPageView {
  items: DeadLetterView[];
  nextCursor: string | null;
}

export interface DeadLetterReplayView {
  id: number;
  subject: string;
  envelopeId: string | null;
  duplicate: boolean;
}

export interface DeadLetterReplaySummaryView {
  replayed: DeadLetterReplayView[];
  notFound: number[];
  failed: { id: number; error: string } | null;
}

export function deadLetterView(entry: DeadLetterEntry): DeadLetterView {
  return {
    id: entry.id,
    subject: entry.subject,
    reason: entry.reason,
    error: entry.error,
    consumer: entry.consumer,
    deliveryCount: entry.deliveryCount,
    deadLetteredAt: entry.deadLetteredAt,
    envelopeId: entry.envelopeId,
    envelopeType: entry.envelopeType,
    correlationId: entry.correlationId,
  };
}

export function deadLetterDetailView(detail: DeadLetterDetail): DeadLetterDetailView {
  const payload = typeof detail.payload === 'object' && detail.payload !== null ? detail.payload : {};
  const field = (name: string) => (payload as Record<string, unknown>)[name];
  const text = (name: string) => (typeof field(name) === 'string' ? (field(name) as string) : null);
  return {
    ...deadLetterView(detail),
    envelope: {
      id: text('id'),
      type: text('type'),
      version: typeof field('version') === 'number' ? (field('version') as number) : null,
      occurredAt: text('occurredAt'),
      correlationId: text('correlationId'),
      causationId: text('causationId'),
    },
    headers: { ...detail.headers },
  };
}

export function deadLetterPageView(page: DeadLetterPage): DeadLetterPageView {
  return {
    items: page.items.map(deadLetterView),
    nextCursor: page.nextAfter === null ? null : String(page.nextAfter),
  };
}

export function replayView(replay: DeadLetterReplayed): DeadLetterReplayView {
  return { id: replay.id, subject: replay.subject, envelopeId: replay.envelopeId, duplicate: replay.duplicate };
}

export function replaySummaryView(summary: DeadLetterReplaySummary): DeadLetterReplaySummaryView {
  return { replayed: summary.replayed.map(replayView), notFound: summary.notFound, failed: summary.failed };
}
