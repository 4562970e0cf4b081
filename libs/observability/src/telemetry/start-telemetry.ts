import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { AlwaysOffSampler, type ReadableSpan, type Span, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { TelemetryOptions } from './telemetry-options.js';
import { runningTelemetry, setRunningTelemetry, type RunningTelemetry } from './telemetry-state.js';

/**
 * Starts the OpenTelemetry NodeSDK: W3C trace context, and spans for HTTP (server and client) and
 * PostgreSQL exported over OTLP/HTTP (JSON) when an endpoint is configured. Without one, only the
 * context machinery runs: the messaging lib's spans are non-recording but carry trace ids, so
 * `traceparent` still flows through responses and messages, and nothing is exported. Metrics and logs stay off here: metrics are Prometheus (`/metrics`), logs are pino.
 */
export function startTelemetry(options: TelemetryOptions): RunningTelemetry {
  const existing = runningTelemetry();
  if (existing) return existing;
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    textMapPropagator: new W3CTraceContextPropagator(),
    // Without an exporter no instrumentation is registered (ADR 0006): its spans would not be
    // recorded, yet its wrappers would still run around every query and request (13–15 % of the
    // services' CPU). Trace context still flows: `useHttpTracing` gives each HTTP request one, and
    // the messaging lib carries `traceparent` through NATS headers itself.
    instrumentations: options.otlpEndpoint ? exportedInstrumentations() : [],
    // Without an exporter nothing is recorded: spans are non-recording, yet carry trace ids, so
    // `traceparent` still flows through responses and messages. With an exporter,
    // OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG choose the sampling (default: every trace).
    ...(options.otlpEndpoint
      ? { traceExporter: new OTLPTraceExporter() }
      : { spanProcessors: [new DiscardingSpanProcessor()], sampler: new AlwaysOffSampler() }),
    // Without these, NodeSDK would start OTLP metric and log exporters towards localhost:4318.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  let stopping: Promise<void> | undefined;
  const telemetry: RunningTelemetry = {
    serviceName: options.serviceName,
    exporting: options.otlpEndpoint !== undefined,
    shutdown: () => (stopping ??= sdk.shutdown().catch(() => undefined)),
  };
  setRunningTelemetry(telemetry);
  // A script that simply runs out of work still delivers its last spans.
  process.once('beforeExit', () => void telemetry.shutdown());
  return telemetry;
}

function exportedInstrumentations(): (HttpInstrumentation | PgInstrumentation)[] {
  return [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: isOperationsRequest,
      // Only inside a trace, as for PostgreSQL: the ledger bridge's chain polling (a JSON-RPC POST every few
      // hundred ms) would otherwise make a one-span trace per call and bury the ones that matter.
      requireParentforOutgoingSpans: true,
    }),
    // Only inside a trace: the outbox relay's polling would otherwise make a trace per poll.
    new PgInstrumentation({ requireParentSpan: true }),
  ];
}

/** Health probes and scrapes every few seconds would drown the traces that matter. */
function isOperationsRequest(request: { url?: string }): boolean {
  const url = request.url ?? '';
  return url.startsWith('/health/') || url === '/metrics';
}

/** Keeps spans (and so trace ids) alive in-process without exporting them anywhere. */
class DiscardingSpanProcessor implements SpanProcessor {
  onStart(_span: Span): void {}
  onEnd(_span: ReadableSpan): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
