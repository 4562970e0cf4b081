import { dropDatabase } from '#libs/persistence';
import {
  freePort,
  OPS_AUTHORIZATION,
  startOtlpReceiver,
  testDatabaseUrl,
  testNamespace,
  type OtlpReceiver,
  type ReceivedSpan,
  waitFor,
} from '#libs/testing';
import { compileForNode, type CompiledTree } from './support/compile-for-node.js';
import { startTracedProcess, type TracedProcess } from './support/traced-process.js';

const FIXTURE = 'libs/observability/test/fixtures/traced-service.ts';
const PRELOAD = 'libs/observability/src/preload.ts';
const CALLER_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';

/** Walks parent links up to the root of the spans received. */
function ancestorsOf(span: ReceivedSpan, spans: ReceivedSpan[]): ReceivedSpan[] {
  const chain: ReceivedSpan[] = [];
  let parent = spans.find((candidate) => candidate.spanId === span.parentSpanId);
  while (parent) {
    chain.push(parent);
    const current: ReceivedSpan = parent;
    parent = spans.find((candidate) => candidate.spanId === current.parentSpanId);
  }
  return chain;
}

describe('tracing preload in a service process', () => {
  let compiled: CompiledTree;
  let receiver: OtlpReceiver;
  let databaseUrl: string;

  beforeAll(async () => {
    compiled = await compileForNode(['observability', 'config', 'persistence'], [FIXTURE]);
    receiver = await startOtlpReceiver();
    databaseUrl = testDatabaseUrl('observability', testNamespace());
  });

  afterAll(async () => {
    await receiver?.close();
    await compiled?.remove();
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  async function startFixture(extraEnv: Record<string, string> = {}): Promise<TracedProcess> {
    return startTracedProcess(compiled.path(PRELOAD), compiled.path(FIXTURE), {
      port: await freePort(),
      env: { ...receiver.exporterEnv(), OTEL_SERVICE_NAME: 'traced-fixture', DATABASE_URL: databaseUrl, ...extraEnv },
    });
  }

  describe('while running', () => {
    let service: TracedProcess;
    let response: Response;
    let serverSpan: ReceivedSpan;
    let spans: ReceivedSpan[];

    beforeAll(async () => {
      service = await startFixture();
      response = await fetch(`${service.url}/v1/ping`, {
        headers: { traceparent: `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01` },
      });
      spans = await receiver.waitForSpans(
        (all) =>
          all.some((span) => span.traceId === CALLER_TRACE_ID && span.kind === 'server') &&
          all.filter((span) => span.traceId === CALLER_TRACE_ID && span.name.startsWith('pg.query')).length >= 2,
        { what: 'the http server span and both pg query spans of the ping' },
      );
      serverSpan = spans.find((span) => span.traceId === CALLER_TRACE_ID && span.kind === 'server')!;
    });

    afterAll(async () => {
      await service?.stop();
    });

    it('continues the caller trace with an http server span named after its route and service', () => {
      expect(response.status).toBe(200);
      expect(serverSpan).toMatchObject({
        name: 'GET /v1/ping',
        parentSpanId: CALLER_SPAN_ID,
        serviceName: 'traced-fixture',
        attributes: expect.objectContaining({ 'http.route': '/v1/ping' }),
      });
    });

    it('records PostgreSQL queries from TypeORM and from pg imported as ESM inside that trace', () => {
      const queries = spans.filter((span) => span.traceId === CALLER_TRACE_ID && span.name.startsWith('pg.query'));
      const statements = queries.map((span) =>
        String(span.attributes['db.query.text'] ?? span.attributes['db.statement']),
      );
      expect(statements).toEqual(
        expect.arrayContaining([expect.stringContaining('via_typeorm'), expect.stringContaining('via_esm_pg')]),
      );
      for (const query of queries) {
        expect(query.serviceName).toBe('traced-fixture');
        expect(ancestorsOf(query, spans)).toContainEqual(serverSpan);
      }
    });

    it('answers with the traceparent of its server span', () => {
      expect(response.headers.get('traceparent')).toBe(`00-${CALLER_TRACE_ID}-${serverSpan.spanId}-01`);
    });

    it('writes JSON log lines carrying the trace and span id, without personal data', () => {
      const line = service.logLines().find((entry) => entry.msg === 'ping served');
      expect(line).toMatchObject({
        service: 'traced-fixture',
        level: 'info',
        trace_id: CALLER_TRACE_ID,
        span_id: serverSpan.spanId,
        memberId: 'M-0001',
        patient: { name: '[redacted]', birthDate: '[redacted]' },
      });
      expect(service.output()).not.toContain('Jane Roe');
      expect(service.output()).not.toContain('1980-02-03');
    });

    it('serves health and metrics outside the /v1 prefix, without tracing the probes', async () => {
      const ready = await fetch(`${service.url}/health/ready`, { headers: OPS_AUTHORIZATION });
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ok', details: { database: { status: 'up' } } });
      const metrics = await fetch(`${service.url}/metrics`, { headers: OPS_AUTHORIZATION });
      expect(await metrics.text()).toContain('process_cpu_user_seconds_total');
      expect(receiver.spans().some((span) => /health|metrics/.test(String(span.attributes['url.path'])))).toBe(false);
    });
  });

  it('without an exporter, still gives each request a trace context that its logs and response share', async () => {
    const service = await startTracedProcess(compiled.path(PRELOAD), compiled.path(FIXTURE), {
      port: await freePort(),
      env: { OTEL_SERVICE_NAME: 'traced-fixture', DATABASE_URL: databaseUrl },
    });
    try {
      const traceId = '1234abcd1234abcd1234abcd1234abcd';
      const get = await fetch(`${service.url}/v1/ping`, {
        headers: { traceparent: `00-${traceId}-${CALLER_SPAN_ID}-01` },
      });
      const post = await fetch(`${service.url}/v1/ping`, {
        method: 'POST',
        headers: { traceparent: `00-${traceId}-${CALLER_SPAN_ID}-01`, 'content-type': 'application/json' },
        body: JSON.stringify({ padding: 'x'.repeat(200_000) }),
      });
      expect([get.status, post.status]).toEqual([200, 201]);
      for (const [response, message] of [
        [get, 'ping served'],
        [post, 'echo served'],
      ] as const) {
        // Unsampled: nothing is recorded, so the caller learns it should not look for these spans.
        const [, responseTraceId, spanId, flags] = String(response.headers.get('traceparent')).split('-');
        expect([responseTraceId, flags]).toEqual([traceId, '00']);
        expect(spanId).not.toBe(CALLER_SPAN_ID);
        // The service writes its log line to a pipe the test reads asynchronously: it may arrive after the response.
        const line = await waitFor(() => service.logLines().find((entry) => entry.msg === message), {
          timeoutMs: 5000,
          what: `the log line "${message}"`,
        });
        expect(line).toMatchObject({ trace_id: traceId, span_id: spanId });
      }
      expect(receiver.spans().some((span) => span.traceId === traceId)).toBe(false);
    } finally {
      await service.stop();
    }
  });

  it('flushes buffered spans when the service is stopped', async () => {
    // A batch delay far beyond the test: the span can only arrive through the shutdown flush.
    const service = await startFixture({ OTEL_BSP_SCHEDULE_DELAY: '600000' });
    const traceId = 'aaaabbbbccccddddeeeeffff00001111';
    await fetch(`${service.url}/v1/ping`, { headers: { traceparent: `00-${traceId}-${CALLER_SPAN_ID}-01` } });
    // Nest's shutdown hooks close the app, then re-raise the signal: a clean exit by SIGTERM.
    expect(await service.stop()).toEqual({ code: null, signal: 'SIGTERM' });
    await receiver.waitForSpans((all) => all.some((span) => span.traceId === traceId && span.kind === 'server'), {
      timeoutMs: 2000,
      what: 'the span flushed at shutdown',
    });
  });
});
