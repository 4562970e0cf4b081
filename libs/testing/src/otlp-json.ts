/**
 * Reading OTLP/HTTP JSON trace exports (an `ExportTraceServiceRequest`, as `@opentelemetry/exporter-trace-otlp-http`
 * sends it): the test receiver and `npm start -- --traces` both flatten them into spans.
 */

export type ReceivedSpanKind = 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';

/** One span as an OTLP exporter sent it, flattened. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** Undefined for a root span. */
  parentSpanId: string | undefined;
  name: string;
  kind: ReceivedSpanKind;
  /** `service.name` of the exporting process. */
  serviceName: string;
  attributes: Record<string, string | number | boolean>;
  /** Start and end, in milliseconds since the epoch (fractional). */
  startMs: number;
  endMs: number;
  /** The span's status said error (OTLP status code 2). */
  failed: boolean;
}

// The OTLP JSON shapes we read (ExportTraceServiceRequest), with only the fields used.
interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
}
interface KeyValue {
  key: string;
  value?: AnyValue;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind?: number;
  attributes?: KeyValue[];
  /** Nanoseconds since the epoch: a decimal string in JSON (64 bits do not fit a JSON number), or a number. */
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  status?: { code?: number };
}
export interface ExportTraceRequest {
  resourceSpans?: { resource?: { attributes?: KeyValue[] }; scopeSpans?: { spans?: OtlpSpan[] }[] }[];
}

const KINDS: ReceivedSpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const STATUS_ERROR = 2;

export function spansOfExport(request: ExportTraceRequest): ReceivedSpan[] {
  return (request.resourceSpans ?? []).flatMap((resourceSpans) => {
    const serviceName = String(attributesOf(resourceSpans.resource?.attributes)['service.name'] ?? '');
    return (resourceSpans.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => ({
        traceId: hexId(span.traceId),
        spanId: hexId(span.spanId),
        parentSpanId: span.parentSpanId ? hexId(span.parentSpanId) : undefined,
        name: span.name,
        kind: KINDS[span.kind ?? 0] ?? 'unspecified',
        serviceName,
        attributes: attributesOf(span.attributes),
        startMs: millisecondsOf(span.startTimeUnixNano),
        endMs: millisecondsOf(span.endTimeUnixNano),
        failed: span.status?.code === STATUS_ERROR,
      })),
    );
  });
}

function attributesOf(list: KeyValue[] | undefined): Record<string, string | number | boolean> {
  const attributes: Record<string, string | number | boolean> = {};
  for (const { key, value } of list ?? []) {
    const plain = value?.stringValue ?? value?.boolValue ?? value?.doubleValue ?? value?.intValue;
    if (plain !== undefined)
      attributes[key] = typeof plain === 'string' && value?.intValue !== undefined ? Number(plain) : plain;
  }
  return attributes;
}

function millisecondsOf(nanos: string | number | undefined): number {
  if (nanos === undefined || nanos === '') return 0;
  if (typeof nanos === 'number') return nanos / 1e6;
  // Whole milliseconds in BigInt, then the rest: a double holds nanoseconds since 1970 only to ~0.25 µs.
  const value = BigInt(nanos);
  return Number(value / 1_000_000n) + Number(value % 1_000_000n) / 1e6;
}

/** OTLP/JSON ids are hex; some encoders send base64 (the protobuf JSON mapping). */
function hexId(id: string): string {
  return /^[0-9a-f]{16}([0-9a-f]{16})?$/i.test(id) ? id.toLowerCase() : Buffer.from(id, 'base64').toString('hex');
}
