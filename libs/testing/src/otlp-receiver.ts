import { createServer, type IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { waitFor } from './wait.js';

export type ReceivedSpanKind = 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';

/** One span as an OTLP exporter sent it, flattened for assertions. */
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
}

export interface OtlpReceiver {
  /** Base URL, the value for `OTEL_EXPORTER_OTLP_ENDPOINT` (spans arrive on `<url>/v1/traces`). */
  url: string;
  /** Environment for a process that should export here: endpoint, JSON protocol, a short batch delay. */
  exporterEnv: () => Record<string, string>;
  spans: () => ReceivedSpan[];
  /** Waits until `predicate` holds for everything received so far, and returns it. */
  waitForSpans: (
    predicate: (spans: ReceivedSpan[]) => boolean,
    options?: { timeoutMs?: number; what?: string },
  ) => Promise<ReceivedSpan[]>;
  close: () => Promise<void>;
}

/**
 * A tiny OTLP/HTTP trace receiver for tests (JSON encoding only, as sent by
 * `@opentelemetry/exporter-trace-otlp-http`), on a free port of 127.0.0.1.
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const received: ReceivedSpan[] = [];
  const problems: string[] = [];
  const server = createServer((request, response) => {
    void readBody(request)
      .then((body) => {
        if (request.method !== 'POST' || request.url !== '/v1/traces') {
          response.writeHead(404).end();
          return;
        }
        if (!String(request.headers['content-type']).includes('json')) {
          problems.push(`unsupported content-type ${request.headers['content-type']}: use http/json`);
          response.writeHead(415).end();
          return;
        }
        received.push(...spansOf(JSON.parse(body.toString('utf8')) as ExportRequest));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      })
      .catch((error: Error) => {
        problems.push(error.message);
        response.writeHead(400).end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    exporterEnv: () => ({
      OTEL_EXPORTER_OTLP_ENDPOINT: url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    }),
    spans: () => [...received],
    waitForSpans: (predicate, { timeoutMs = 15000, what = 'spans' } = {}) =>
      waitFor(
        () => {
          if (problems.length > 0) throw new Error(`OTLP receiver: ${problems.join('; ')}`);
          const snapshot = [...received];
          return predicate(snapshot) ? snapshot : undefined;
        },
        { timeoutMs, intervalMs: 50, what: `${what} (received ${received.length} spans)` },
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  return request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
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
}
interface ExportRequest {
  resourceSpans?: { resource?: { attributes?: KeyValue[] }; scopeSpans?: { spans?: OtlpSpan[] }[] }[];
}

const KINDS: ReceivedSpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

function spansOf(request: ExportRequest): ReceivedSpan[] {
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

/** OTLP/JSON ids are hex; some encoders send base64 (the protobuf JSON mapping). */
function hexId(id: string): string {
  return /^[0-9a-f]{16}([0-9a-f]{16})?$/i.test(id) ? id.toLowerCase() : Buffer.from(id, 'base64').toString('hex');
}
