import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { spansOfExport, type ExportTraceRequest, type ReceivedSpan } from '#libs/testing';
import { renderTracePage } from './trace-page.js';
import { summarizeTrace, traceLine, type TraceSummary } from './trace-summary.js';

/**
 * A trace is taken as finished once no span of it arrived for this long. The services export every
 * `OTEL_BSP_SCHEDULE_DELAY` (500 ms under `--traces`), and a claim's journey hops through the bus for a
 * second or two, so a shorter wait would cut most of them in two.
 */
const QUIET_MS = 3000;
/** The page shows the newest traces only; older ones are forgotten (memory stays bounded). */
const KEPT_TRACES = 200;
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface TraceViewerOptions {
  /** On 127.0.0.1 only: the traces hold routes, ids and SQL, and only this machine's services send any. */
  port: number;
  /** Where each finished trace's line goes (the stack's output). */
  write: (line: string) => void;
}

export interface TraceViewer {
  /** The base URL: the page, and `OTEL_EXPORTER_OTLP_ENDPOINT` for the services (spans go to `/v1/traces`). */
  url: string;
  /** From now on, print a line per finished trace (not before: the demo seeding makes dozens). */
  startPrinting: () => void;
  close: () => Promise<void>;
}

interface CollectedTrace {
  spans: ReceivedSpan[];
  quiet: NodeJS.Timeout | undefined;
  summary: TraceSummary | undefined;
}

/**
 * `npm start -- --traces`: a small OTLP/HTTP receiver (JSON, what the services' exporter sends) that keeps the
 * recent traces in memory, prints one line per finished trace, and shows them on a page at its root URL.
 * A development aid, not a tracing backend: for retention and search, send the traces to a collector instead.
 */
export async function startTraceViewer({ port, write }: TraceViewerOptions): Promise<TraceViewer> {
  const traces = new Map<string, CollectedTrace>();
  /** When printing began (ms since the epoch); traces started before it (the demo seeding's) stay unprinted. */
  let printingSince = Number.POSITIVE_INFINITY;

  const finished = (traceId: string) => {
    const trace = traces.get(traceId);
    if (!trace) return;
    trace.quiet = undefined;
    trace.summary = summarizeTrace(trace.spans);
    if (trace.summary && trace.summary.startedAt.getTime() >= printingSince)
      write(`trace  ${traceLine(trace.summary)}`);
  };

  const receive = (spans: ReceivedSpan[]) => {
    for (const span of spans) {
      let trace = traces.get(span.traceId);
      if (!trace) {
        trace = { spans: [], quiet: undefined, summary: undefined };
        traces.set(span.traceId, trace);
        forgetOldest(traces);
      }
      trace.spans.push(span);
      // A late span (a re-asked check, a payout confirmed later) reopens the trace; it is printed again.
      if (trace.quiet) clearTimeout(trace.quiet);
      trace.quiet = setTimeout(() => finished(span.traceId), QUIET_MS);
      trace.quiet.unref();
    }
  };

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(400, { 'content-type': 'text/plain' });
      response.end(error instanceof Error ? error.message : String(error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://viewer').pathname;
    if (request.method === 'POST' && path === '/v1/traces') {
      const type = String(request.headers['content-type'] ?? '');
      if (!type.includes('json')) {
        // The exporter in use speaks JSON; a protobuf exporter pointed here gets told what to change.
        request.resume();
        response.writeHead(415, { 'content-type': 'text/plain' });
        response.end('this viewer reads OTLP/HTTP JSON only: set OTEL_EXPORTER_OTLP_PROTOCOL=http/json');
        return;
      }
      receive(spansOfExport(JSON.parse((await bodyOf(request)).toString('utf8')) as ExportTraceRequest));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    if (request.method === 'GET' && path === '/') {
      const newestFirst = [...traces.values()].reverse();
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(renderTracePage(newestFirst.map((trace) => trace.spans)));
      return;
    }
    response
      .writeHead(404, { 'content-type': 'text/plain' })
      .end('not found: the page is at /, spans go to /v1/traces');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    startPrinting: () => {
      printingSince = Date.now();
    },
    close: async () => {
      for (const trace of traces.values()) if (trace.quiet) clearTimeout(trace.quiet);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function forgetOldest(traces: Map<string, CollectedTrace>): void {
  while (traces.size > KEPT_TRACES) {
    const [oldestId, oldest] = traces.entries().next().value as [string, CollectedTrace];
    if (oldest.quiet) clearTimeout(oldest.quiet);
    traces.delete(oldestId);
  }
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`an export larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks);
  return request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
}
