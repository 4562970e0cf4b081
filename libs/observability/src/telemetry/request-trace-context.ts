import { context, propagation, ROOT_CONTEXT, trace, TraceFlags, type Context } from '@opentelemetry/api';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The parts of a Fastify request and reply the hook touches (kept structural on purpose). */
export interface RawRequestCarrier {
  headers: Record<string, string | string[] | undefined>;
  raw: IncomingMessage;
}
export interface RawReplyCarrier {
  raw: ServerResponse;
}

/**
 * Fastify `onRequest` hook that gives a request its trace context when no HTTP instrumentation
 * made a server span (no OTLP exporter configured, ADR 0006): a non-recording span that continues
 * the caller's `traceparent` (or starts a trace) with a span id of its own. The rest of the
 * request runs inside it, so the NATS requests it makes, its logs and its response all carry
 * the same trace id, as the HTTP instrumentation would have done, at the cost of one context.
 */
export function requestTraceContext(request: RawRequestCarrier, reply: RawReplyCarrier, done: () => void): void {
  if (trace.getSpan(context.active())) {
    done();
    return;
  }
  const requestContext = contextContinuing(request.headers);
  // As the HTTP instrumentation does: the body's `data`/`end` events come from the socket, outside
  // this call, so the request's listeners are bound to the context (Fastify parses the body there).
  context.bind(requestContext, request.raw);
  context.bind(requestContext, reply.raw);
  context.with(requestContext, done);
}

function contextContinuing(headers: Record<string, string | string[] | undefined>): Context {
  const carrier: Record<string, string> = {};
  for (const name of ['traceparent', 'tracestate']) {
    const value = headers[name];
    const first = Array.isArray(value) ? value[0] : value;
    if (first) carrier[name] = first;
  }
  const parent = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, carrier));
  const span = trace.wrapSpanContext({
    traceId: parent?.traceId ?? randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    // Nothing is recorded without an exporter; the flag says so to the services downstream.
    traceFlags: TraceFlags.NONE,
    ...(parent?.traceState ? { traceState: parent.traceState } : {}),
  });
  return trace.setSpan(ROOT_CONTEXT, span);
}
