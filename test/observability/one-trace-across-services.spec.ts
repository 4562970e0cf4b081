import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '#libs/testing';
import { startApiStack, type ApiStack } from '../api/support/api-stack.js';
import { aClaim, call } from '../api/support/http.js';

/**
 * Issue 2 (f): one trace spans gateway → claims → bus → consumer. The caller's traceparent is
 * continued by the gateway's HTTP span, carried over NATS request/reply to the claims service, stored
 * with the outbox row, published by the relay and picked up by the claims consumer that starts the
 * review; every process exports to one OTLP receiver.
 */
describe('distributed tracing', () => {
  let receiver: OtlpReceiver;
  let stack: ApiStack;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    stack = await startApiStack('trace', receiver.exporterEnv());
  });

  afterAll(async () => {
    await stack?.stop();
    await receiver?.close();
  });

  it('follows a submitted claim from the HTTP request to the consumer that starts its review in one trace', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const token = await stack.token({ role: 'clinic', org: 'P-1' });
    const submitted = await call('POST', `${stack.gatewayUrl}/v1/claims`, {
      token,
      body: aClaim(),
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(submitted.status).toBe(202);
    expect(submitted.headers.get('traceparent')).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));

    const inTrace = (spans: ReceivedSpan[]) => spans.filter((span) => span.traceId === traceId);
    const find = (spans: ReceivedSpan[], service: string, kind: ReceivedSpan['kind'], name?: RegExp) =>
      spans.find((span) => span.serviceName === service && span.kind === kind && (!name || name.test(span.name)));
    const hops = (spans: ReceivedSpan[]) => ({
      httpServer: find(spans, 'gateway', 'server', /claims/),
      claimsRpc: find(spans, 'claims', 'server'),
      producer: find(spans, 'claims', 'producer', /submitted/),
      consumer: find(spans, 'claims', 'consumer', /submitted/),
    });
    // Each process exports on its own schedule: wait until every hop has arrived, or time out.
    const trace = inTrace(
      await receiver.waitForSpans((all) => Object.values(hops(inTrace(all))).every(Boolean), {
        timeoutMs: 20000,
        what: 'the gateway, claims RPC, publish and consume spans in the caller’s trace',
      }),
    );
    const { httpServer, claimsRpc, producer, consumer } = hops(trace);
    expect({ httpServer, claimsRpc, producer, consumer }).toEqual({
      httpServer: expect.anything(),
      claimsRpc: expect.anything(),
      producer: expect.anything(),
      consumer: expect.anything(),
    });
    // Each hop is a descendant of the one before: walk up the parents within the trace.
    const ancestors = (span: ReceivedSpan): string[] => {
      const chain: string[] = [];
      let parent = span.parentSpanId;
      while (parent) {
        chain.push(parent);
        parent = trace.find((candidate) => candidate.spanId === parent)?.parentSpanId;
      }
      return chain;
    };
    expect(ancestors(consumer!)).toContain(producer!.spanId);
    expect(ancestors(producer!)).toContain(claimsRpc!.spanId);
    expect(ancestors(claimsRpc!)).toContain(httpServer!.spanId);
    expect(
      trace.some(
        (span) =>
          span.serviceName === 'claims' && span.kind === 'client' && /pg|postgres|INSERT|SELECT/i.test(span.name),
      ),
    ).toBe(true);
  });
});
