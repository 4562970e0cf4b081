import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { databaseFailureKind } from '#libs/persistence';
import type { Gathered, GatherOptions } from './gather.js';
import type { BatchGatherFn } from './handler.js';
import type { ValidDelivery } from './inbox-transaction.js';
import { describeError } from './logger.js';
import { contextFromHeaders, MESSAGING_SYSTEM, messagingTracer } from './trace-context.js';

/**
 * Runs a batch gather step once for all deliveries. If it fails, each delivery is gathered alone, so the
 * failure stays with the message that causes it (an unavailable database fails them all, and holds the
 * batch). The span of each delivery's gather is the batch's, linked to the message's trace.
 */
export async function gatherTogether(
  options: Omit<GatherOptions, 'gather'> & { gatherMany: BatchGatherFn },
  deliveries: ValidDelivery[],
): Promise<Gathered[]> {
  const together = await gatherSome(options, deliveries);
  if (together.ok || deliveries.length === 1 || databaseFailureKind(together.error) === 'unavailable') {
    return deliveries.map((delivery, index) =>
      together.ok
        ? { delivery: { ...delivery, gathered: together.results[index] }, ok: true }
        : { delivery, ok: false, error: together.error },
    );
  }
  const alone: Gathered[] = [];
  for (const delivery of deliveries) {
    const one = await gatherSome(options, [delivery]);
    alone.push(
      one.ok
        ? { delivery: { ...delivery, gathered: one.results[0] }, ok: true }
        : { delivery, ok: false, error: one.error },
    );
  }
  return alone;
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
    const results = await context.with(trace.setSpan(context.active(), span), () => options.gatherMany(events, ctx));
    if (results.length !== deliveries.length) {
      throw new Error(
        `the batch gather of ${options.subject} returned ${results.length} results for ${deliveries.length} events`,
      );
    }
    return { ok: true, results };
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: describeError(error) });
    return { ok: false, error };
  } finally {
    span.end();
  }
}
