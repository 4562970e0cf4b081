import type { ReceivedSpan } from '#libs/testing';

/** What one line (and one row of the trace page) says about a trace. */
export interface TraceSummary {
  traceId: string;
  /** The root span's name: the route for an API call (`POST /v1/claims`), else what started the trace. */
  name: string;
  /** The HTTP status the root span answered with, when it was an HTTP request. */
  status: number | undefined;
  /** How long the root span took (the request, for an API call). */
  rootMs: number;
  /** From the first span's start to the last span's end: the request and everything it set off. */
  totalMs: number;
  /** The services the trace went through, in the order each first appeared. */
  services: string[];
  spans: number;
  /** Spans whose status says error. */
  errors: number;
  startedAt: Date;
}

/**
 * The root of a trace: the span without a parent, or whose parent is not among the spans (a caller's
 * `traceparent` continued); the earliest of them. Undefined for no spans.
 */
export function rootOf(spans: readonly ReceivedSpan[]): ReceivedSpan | undefined {
  const ids = new Set(spans.map((span) => span.spanId));
  const roots = spans.filter((span) => !span.parentSpanId || !ids.has(span.parentSpanId));
  return [...(roots.length ? roots : spans)].sort((a, b) => a.startMs - b.startMs)[0];
}

export function summarizeTrace(spans: readonly ReceivedSpan[]): TraceSummary | undefined {
  const root = rootOf(spans);
  if (!root) return undefined;
  const byStart = [...spans].sort((a, b) => a.startMs - b.startMs);
  const start = byStart[0].startMs;
  const end = Math.max(...spans.map((span) => span.endMs));
  const statusAttribute = root.attributes['http.response.status_code'] ?? root.attributes['http.status_code'];
  return {
    traceId: root.traceId,
    name: root.name,
    status: typeof statusAttribute === 'number' ? statusAttribute : undefined,
    rootMs: root.endMs - root.startMs,
    totalMs: end - start,
    services: [...new Set(byStart.map((span) => span.serviceName).filter(Boolean))],
    spans: spans.length,
    errors: spans.filter((span) => span.failed).length,
    startedAt: new Date(start),
  };
}

/**
 * One readable line: `POST /v1/claims 202 in 38 ms · 41 spans over 912 ms · gateway → claims → fraud · trace 4bf9…`.
 */
export function traceLine(summary: TraceSummary): string {
  const status = summary.status === undefined ? '' : ` ${summary.status}`;
  const errors = summary.errors ? ` · ${summary.errors} failed` : '';
  return [
    `${summary.name}${status} in ${milliseconds(summary.rootMs)}`,
    `${summary.spans} span${summary.spans === 1 ? '' : 's'} over ${milliseconds(summary.totalMs)}${errors}`,
    summary.services.join(' → '),
    `trace ${summary.traceId}`,
  ].join(' · ');
}

function milliseconds(value: number): string {
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}
