import { context, propagation, ROOT_CONTEXT, trace, type Context, type Tracer } from '@opentelemetry/api';

/**
 * W3C trace context across the bus, through @opentelemetry/api only: with no SDK registered every
 * call here is a cheap no-op, so the library never depends on how (or whether) a service traces.
 */
export const MESSAGING_SYSTEM = 'nats';

export function messagingTracer(): Tracer {
  return trace.getTracer('healthclaims.messaging');
}

/** The active context's `traceparent` (and `tracestate`), or nothing when no span is active. */
export function captureTraceHeaders(active: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(active, carrier);
  const headers: Record<string, string> = {};
  if (carrier.traceparent) headers.traceparent = carrier.traceparent;
  if (carrier.tracestate) headers.tracestate = carrier.tracestate;
  return headers;
}

/** A context whose remote parent is the span named by `traceparent`-style headers. */
export function contextFromHeaders(headers: Record<string, string | undefined>): Context {
  const carrier: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) if (value) carrier[key] = value;
  return propagation.extract(ROOT_CONTEXT, carrier);
}
