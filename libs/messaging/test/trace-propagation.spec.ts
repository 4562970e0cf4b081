import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { newCorrelation } from '#libs/contracts';
import { batchHandler, startMessaging, type Messaging } from '#libs/messaging';
import { waitFor } from '#libs/testing';
import { openMessagingTestBed, type MessagingTestBed } from './support/messaging-test-bed.js';
import { PROBE_SUBJECT, recordProbeEffect, type Probe } from './support/probe.js';

describe('trace context across the bus', () => {
  const exporter = new InMemorySpanExporter();
  let bed: MessagingTestBed;
  let messaging: Messaging | undefined;

  beforeAll(async () => {
    // What libs/observability's NodeSDK does in a service, reduced to what this test needs.
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    bed = await openMessagingTestBed('trace');
  });
  afterAll(async () => {
    await messaging?.stop();
    await bed.close();
    trace.disable();
    propagation.disable();
    context.disable();
  });

  it('joins the request, the publish and the handling into one trace', async () => {
    const seenInHandler: string[] = [];
    messaging = await startMessaging({
      service: 'traced',
      natsUrl: bed.natsUrl,
      namespace: bed.namespace,
      dataSource: bed.dataSource,
      cipher: bed.cipher,
      relay: true,
      handlers: [
        {
          subject: PROBE_SUBJECT,
          handle: async (event, { manager }) => {
            seenInHandler.push(trace.getActiveSpan()?.spanContext().traceId ?? 'none');
            await recordProbeEffect(manager, event as typeof event & { data: Probe });
          },
        },
      ],
    });
    const outbox = messaging.outbox;
    const request = trace.getTracer('test').startSpan('POST /claims', { kind: SpanKind.SERVER });
    await context.with(trace.setSpan(context.active(), request), () =>
      bed.dataSource.transaction((manager) => outbox.add(manager, PROBE_SUBJECT, { n: 1 }, newCorrelation())),
    );
    request.end();
    await waitFor(async () => (await bed.effects()) === 1, { what: 'the event to be handled' });
    await waitFor(() => exporter.getFinishedSpans().some((span) => span.kind === SpanKind.CONSUMER));

    const spans = exporter.getFinishedSpans();
    const producer = spans.find((span) => span.kind === SpanKind.PRODUCER);
    const consumer = spans.find((span) => span.kind === SpanKind.CONSUMER);
    const traceId = request.spanContext().traceId;
    expect(producer?.spanContext().traceId).toBe(traceId);
    expect(producer?.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(consumer?.spanContext().traceId).toBe(traceId);
    expect(consumer?.parentSpanContext?.spanId).toBe(producer?.spanContext().spanId);
    expect(seenInHandler).toEqual([traceId]);
  });

  it('keeps each message of a batch in its own trace, under a process span of its own', async () => {
    await messaging?.stop();
    exporter.reset();
    const seenInBatch: string[] = [];
    messaging = await startMessaging({
      service: 'traced-batch',
      natsUrl: bed.natsUrl,
      namespace: bed.namespace,
      dataSource: bed.dataSource,
      cipher: bed.cipher,
      relay: true,
      handlers: [
        batchHandler<Probe, undefined>({
          subject: PROBE_SUBJECT,
          handleBatch: async (items, { manager }) => {
            // A new durable consumer also gets the first test's event (n = 1): only this test's count.
            for (const item of items.filter(({ event }) => event.data.n >= 10)) {
              seenInBatch.push(item.traced(() => trace.getActiveSpan()?.spanContext().traceId) ?? 'none');
              await recordProbeEffect(manager, item.event);
            }
          },
        }),
      ],
    });
    const outbox = messaging.outbox;
    const requests = [1, 2].map(() => trace.getTracer('test').startSpan('POST /claims', { kind: SpanKind.SERVER }));
    await bed.dataSource.transaction(async (manager) => {
      for (const [n, request] of requests.entries()) {
        await context.with(trace.setSpan(context.active(), request), () =>
          outbox.add(manager, PROBE_SUBJECT, { n: 10 + n }, newCorrelation()),
        );
      }
    });
    for (const request of requests) request.end();
    await waitFor(async () => seenInBatch.length === 2, { what: 'both events handled' });

    const traceIds = requests.map((request) => request.spanContext().traceId);
    expect(seenInBatch.sort()).toEqual([...traceIds].sort());
    await waitFor(() =>
      traceIds.every((traceId) =>
        exporter
          .getFinishedSpans()
          .some((span) => span.kind === SpanKind.CONSUMER && span.spanContext().traceId === traceId),
      ),
    );
    const spans = exporter.getFinishedSpans();
    for (const traceId of traceIds) {
      const producer = spans.find((span) => span.kind === SpanKind.PRODUCER && span.spanContext().traceId === traceId);
      const consumer = spans.find((span) => span.kind === SpanKind.CONSUMER && span.spanContext().traceId === traceId);
      expect(consumer?.parentSpanContext?.spanId).toBe(producer?.spanContext().spanId);
    }
  });
});
