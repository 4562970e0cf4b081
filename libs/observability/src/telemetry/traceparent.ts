import { context, isSpanContextValid, trace, TraceFlags, type SpanContext } from '@opentelemetry/api';
import { randomBytes } from 'node:crypto';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** W3C `traceparent` (version 00) of a span context. */
export function formatTraceparent(spanContext: SpanContext): string {
  const flags = (spanContext.traceFlags & TraceFlags.SAMPLED).toString(16).padStart(2, '0');
  return `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
}

/** The trace id of a `traceparent` header, or undefined when it is missing or malformed. */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  const match = traceparent ? TRACEPARENT.exec(traceparent.trim()) : null;
  return match && !/^0+$/.test(match[1]) ? match[1] : undefined;
}

/** `traceparent` of the active span, or undefined outside any trace. */
export function currentTraceparent(): string | undefined {
  const spanContext = trace.getSpan(context.active())?.spanContext();
  return spanContext && isSpanContextValid(spanContext) ? formatTraceparent(spanContext) : undefined;
}

/**
 * What a response should carry: the active span's `traceparent`; without tracing (no SDK, e.g. an
 * in-process test), a fresh unsampled one that continues the caller's trace id if it sent one,
 * so every response still carries a well-formed header (API.md).
 */
export function responseTraceparent(incoming: string | undefined): string {
  const current = currentTraceparent();
  if (current) return current;
  const traceId = traceIdOf(incoming) ?? randomBytes(16).toString('hex');
  return `00-${traceId}-${randomBytes(8).toString('hex')}-00`;
}
