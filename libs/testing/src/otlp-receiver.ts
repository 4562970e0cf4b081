import { createServer, type IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { spansOfExport, type ExportTraceRequest, type ReceivedSpan } from './otlp-json.js';
import { waitFor } from './wait.js';

export type { ReceivedSpan, ReceivedSpanKind } from './otlp-json.js';

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
        received.push(...spansOfExport(JSON.parse(body.toString('utf8')) as ExportTraceRequest));
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
