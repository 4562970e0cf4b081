import type { Envelope } from '#libs/contracts';
import type { JsMsg } from '@nats-io/jetstream';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { DataSource, EntityManager } from 'typeorm';
import type { BatchHandlerFn, EventHandlerFn, LockOrder } from './handler.js';
import { describeError } from './logger.js';
import type { Outbox } from './outbox.js';
import { contextFromHeaders, MESSAGING_SYSTEM, messagingTracer } from './trace-context.js';

/** A message whose envelope passed validation, ready for its handler. */
export interface ValidDelivery {
  msg: JsMsg;
  envelope: Envelope;
  /** What the registration's gather step read for it before the transaction (`HandlerContext#gathered`). */
  gathered?: unknown;
}

export type DeliveryOutcome = 'handled' | 'duplicate';

export interface InboxTransactionOptions {
  dataSource: DataSource;
  /** The inbox key's consumer part: the durable name, so two services never share rows. */
  consumer: string;
  subject: string;
  handle: EventHandlerFn;
  /** When set, called once with the batch's fresh deliveries instead of `handle` per delivery. */
  handleBatch?: BatchHandlerFn;
  outbox: Outbox;
  lockOrder?: LockOrder;
}

/**
 * Runs handlers with their inbox rows in ONE transaction: a message whose inbox row already exists
 * was handled before (a redelivery, a second publish) and its handler is skipped. Any error rolls
 * the whole transaction back, so the caller acks only what this call committed. Gather steps have
 * run before (`gatherAll`): nothing here waits on anything but the database.
 */
export async function handleInTransaction(
  options: InboxTransactionOptions,
  deliveries: ValidDelivery[],
): Promise<DeliveryOutcome[]> {
  return options.dataSource.transaction(async (manager) => {
    const fresh = await claimInboxRows(manager, options.consumer, deliveries);
    const outcomes: DeliveryOutcome[] = new Array<DeliveryOutcome>(deliveries.length);
    const toHandle: ValidDelivery[] = [];
    for (const index of handlingOrder(deliveries, options.lockOrder)) {
      const delivery = deliveries[index];
      // A second copy of the same message in one batch is a duplicate too: only its first copy runs.
      const isFresh = fresh.delete(delivery.envelope.id.toLowerCase());
      outcomes[index] = isFresh ? 'handled' : 'duplicate';
      if (!isFresh) continue;
      if (options.handleBatch) toHandle.push(delivery);
      else await handleOne(options, manager, delivery);
    }
    if (options.handleBatch && toHandle.length) await handleAll(options, options.handleBatch, manager, toHandle);
    return outcomes;
  });
}

/** Indices of the deliveries in the order to handle them: by lock key (stable), else as delivered. */
export function handlingOrder(deliveries: ValidDelivery[], lockOrder?: LockOrder): number[] {
  const indices = deliveries.map((_, index) => index);
  if (!lockOrder) return indices;
  const keys = deliveries.map((delivery) => lockOrder(delivery.envelope));
  return indices.sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
}

/**
 * Inserts the inbox rows of a whole batch in one statement and returns the ids that were new: one
 * round trip per batch instead of one per message. On the claim-intake bench this took the p50 from
 * publish to `in_review` from about 1 s to about 0.13 s (docs/benchmarks.md).
 */
async function claimInboxRows(
  manager: EntityManager,
  consumer: string,
  deliveries: ValidDelivery[],
): Promise<Set<string>> {
  const rows: { message_id: string }[] = await manager.query(
    `INSERT INTO inbox (consumer, message_id)
     SELECT $1, id FROM unnest($2::uuid[]) AS id
     ON CONFLICT DO NOTHING
     RETURNING message_id`,
    [consumer, deliveries.map((delivery) => delivery.envelope.id)],
  );
  return new Set(rows.map((row) => String(row.message_id).toLowerCase()));
}

async function handleOne(
  options: InboxTransactionOptions,
  manager: EntityManager,
  { msg, envelope, gathered }: ValidDelivery,
): Promise<void> {
  const parent = contextFromHeaders({
    traceparent: msg.headers?.get('traceparent'),
    tracestate: msg.headers?.get('tracestate'),
  });
  const span = messagingTracer().startSpan(
    `process ${options.subject}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': MESSAGING_SYSTEM,
        'messaging.operation.type': 'process',
        'messaging.destination.name': msg.subject,
        'messaging.message.id': envelope.id,
        'messaging.consumer.group.name': options.consumer,
        'messaging.message.delivery_count': msg.info.deliveryCount,
      },
    },
    parent,
  );
  const ctx = {
    manager,
    outbox: options.outbox,
    deliveryCount: msg.info.deliveryCount,
    subject: options.subject,
    gathered,
  };
  try {
    await context.with(trace.setSpan(parent, span), () => options.handle(envelope, ctx));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: describeError(error) });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * The batch handler over the fresh deliveries: each message gets its own process span under its trace (its
 * item's `traceContext`, so what the handler writes for it carries that trace on), and the call one batch
 * span linked to them all.
 */
async function handleAll(
  options: InboxTransactionOptions,
  handleBatch: BatchHandlerFn,
  manager: EntityManager,
  deliveries: ValidDelivery[],
): Promise<void> {
  const attributes = {
    'messaging.system': MESSAGING_SYSTEM,
    'messaging.operation.type': 'process',
    'messaging.consumer.group.name': options.consumer,
    'messaging.batch.message_count': deliveries.length,
  };
  const spans = deliveries.map(({ msg, envelope }) => {
    const parent = contextFromHeaders({
      traceparent: msg.headers?.get('traceparent'),
      tracestate: msg.headers?.get('tracestate'),
    });
    const span = messagingTracer().startSpan(
      `process ${options.subject}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          ...attributes,
          'messaging.destination.name': msg.subject,
          'messaging.message.id': envelope.id,
          'messaging.message.delivery_count': msg.info.deliveryCount,
        },
      },
      parent,
    );
    return { span, traceContext: trace.setSpan(parent, span) };
  });
  const batchSpan = messagingTracer().startSpan(`process ${options.subject} batch`, {
    kind: SpanKind.CONSUMER,
    links: spans.map(({ span }) => ({ context: span.spanContext() })),
    attributes,
  });
  const items = deliveries.map(({ msg, envelope, gathered }, index) => ({
    event: envelope,
    deliveryCount: msg.info.deliveryCount,
    gathered,
    traceContext: spans[index].traceContext,
  }));
  const all = [batchSpan, ...spans.map(({ span }) => span)];
  try {
    await context.with(trace.setSpan(context.active(), batchSpan), () =>
      handleBatch(items, { manager, outbox: options.outbox, subject: options.subject }),
    );
  } catch (error) {
    for (const span of all) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: describeError(error) });
    }
    throw error;
  } finally {
    for (const span of all) span.end();
  }
}
