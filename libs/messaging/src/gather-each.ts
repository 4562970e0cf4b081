import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import type { DataSource } from 'typeorm';
import type { GatherFn } from './handler.js';
import type { ValidDelivery } from './inbox-transaction.js';
import { describeError } from './logger.js';
import { contextFromHeaders, MESSAGING_SYSTEM, messagingTracer } from './trace-context.js';

/**
 * How many gather steps of one batch run at once: enough to overlap a few slow remote reads, few enough
 * that a batch does not take most of the pool's connections or flood the remote end.
 */
export const GATHER_CONCURRENCY = 4;

/** One delivery's gather result, or why it failed. */
export type Gathered = { delivery: ValidDelivery; ok: true } | { delivery: ValidDelivery; ok: false; error: unknown };

export interface GatherOptions {
  dataSource: DataSource;
  subject: string;
  consumer: string;
  gather: GatherFn;
}

/**
 * Runs the gather step of every delivery, outside any transaction, at most `GATHER_CONCURRENCY` at a time.
 * A delivery that gathered carries the result as `gathered`; one that failed is reported, not thrown, so
 * the others still go on to their transaction.
 */
export async function gatherAll(options: GatherOptions, deliveries: ValidDelivery[]): Promise<Gathered[]> {
  const results = new Array<Gathered>(deliveries.length);
  let next = 0;
  const worker = async () => {
    while (next < deliveries.length) {
      const index = next++;
      results[index] = await gatherOne(options, deliveries[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(GATHER_CONCURRENCY, deliveries.length) }, worker));
  return results;
}

async function gatherOne(options: GatherOptions, delivery: ValidDelivery): Promise<Gathered> {
  const { msg, envelope } = delivery;
  const parent = contextFromHeaders({
    traceparent: msg.headers?.get('traceparent'),
    tracestate: msg.headers?.get('tracestate'),
  });
  const span = messagingTracer().startSpan(
    `gather ${options.subject}`,
    {
      attributes: {
        'messaging.system': MESSAGING_SYSTEM,
        'messaging.destination.name': msg.subject,
        'messaging.message.id': envelope.id,
        'messaging.consumer.group.name': options.consumer,
        'messaging.message.delivery_count': msg.info.deliveryCount,
      },
    },
    parent,
  );
  const ctx = { dataSource: options.dataSource, deliveryCount: msg.info.deliveryCount, subject: options.subject };
  try {
    const gathered = await context.with(trace.setSpan(parent, span), () => options.gather(envelope, ctx));
    return { delivery: { ...delivery, gathered }, ok: true };
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: describeError(error) });
    return { delivery, ok: false, error };
  } finally {
    span.end();
  }
}
