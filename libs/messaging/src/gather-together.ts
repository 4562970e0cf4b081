import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { databaseFailureKind } from '#libs/persistence';
import type { Envelope } from '#libs/contracts';
import { gatherAll, type Gathered, type GatherOptions } from './gather-each.js';
import type { BatchGatherContext, BatchGatherFn } from './handler.js';
import type { ValidDelivery } from './inbox-transaction.js';
import { describeError } from './logger.js';
import { contextFromHeaders, MESSAGING_SYSTEM, messagingTracer } from './trace-context.js';

/**
 * Runs a batch gather step once for all deliveries. If it fails, each delivery is gathered alone (as a
 * batch of one, a few at a time like per-message gather steps), so the failure stays with the message that
 * causes it; an unavailable database fails them all at once, and the batch is held. The batch's span links
 * to each message's trace.
 */
export async function gatherTogether(
  options: Omit<GatherOptions, 'gather'> & { gatherMany: BatchGatherFn },
  deliveries: ValidDelivery[],
): Promise<Gathered[]> {
  const together = await gatherSome(options, deliveries);
  if (together.ok) {
    return deliveries.map((delivery, index) => ({
      delivery: { ...delivery, gathered: together.results[index] },
      ok: true,
    }));
  }
  if (deliveries.length === 1 || databaseFailureKind(together.error) === 'unavailable') {
    return deliveries.map((delivery) => ({ delivery, ok: false, error: together.error }));
  }
  const ctx = { dataSource: options.dataSource, subject: options.subject };
  return gatherAll({ ...options, gather: async (event) => (await checked(options, [event], ctx))[0] }, deliveries);
}

/** Runs the batch gather step, failing when it does not answer once per event. */
async function checked(
  options: { gatherMany: BatchGatherFn; subject: string },
  events: Envelope[],
  ctx: BatchGatherContext,
): Promise<unknown[]> {
  const results = await options.gatherMany(events, ctx);
  if (results.length !== events.length) {
    throw new Error(
      `the batch gather of ${options.subject} returned ${results.length} results for ${events.length} events`,
    );
  }
  return results;
}

async function gatherSome(
  options: Omit<GatherOptions, 'gather'> & { gatherMany: BatchGatherFn },
  deliveries: ValidDelivery[],
): Promise<{ ok: true; results: unknown[] } | { ok: false; error: unknown }> {
  const links = deliveries.map(({ msg }) => {
    const parent = contextFromHeaders({
      traceparent: msg.headers?.get('traceparent'),
      tracestate: msg.headers?.get('tracestate'),
    });
    return trace.getSpanContext(parent);
  });
  const span = messagingTracer().startSpan(`gather ${options.subject}`, {
    attributes: {
      'messaging.system': MESSAGING_SYSTEM,
      'messaging.consumer.group.name': options.consumer,
      'messaging.batch.message_count': deliveries.length,
    },
    links: links.flatMap((link) => (link ? [{ context: link }] : [])),
  });
  const ctx = { dataSource: options.dataSource, subject: options.subject };
  try {
    const events = deliveries.map(({ envelope }) => envelope);
    const results = await context.with(trace.setSpan(context.active(), span), () => checked(options, events, ctx));
    return { ok: true, results };
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: describeError(error) });
    return { ok: false, error };
  } finally {
    span.end();
  }
}
