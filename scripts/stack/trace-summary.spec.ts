import type { ReceivedSpan } from '#libs/testing';
import { summarizeTrace, traceLine } from './trace-summary.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const T0 = Date.UTC(2026, 11, 6, 12, 0, 0);

function aSpan(spanId: string, overrides: Partial<ReceivedSpan> = {}): ReceivedSpan {
  return {
    traceId: TRACE,
    spanId,
    parentSpanId: undefined,
    name: 'span',
    kind: 'internal',
    serviceName: 'gateway',
    attributes: {},
    startMs: T0,
    endMs: T0 + 1,
    failed: false,
    ...overrides,
  };
}

describe('a finished trace in one line', () => {
  const claimSubmission = [
    aSpan('0000000000000001', {
      name: 'POST /v1/claims',
      kind: 'server',
      attributes: { 'http.route': '/v1/claims', 'http.response.status_code': 202 },
      endMs: T0 + 38.4,
    }),
    aSpan('0000000000000002', {
      parentSpanId: '0000000000000001',
      serviceName: 'claims',
      startMs: T0 + 5,
      endMs: T0 + 20,
    }),
    aSpan('0000000000000003', {
      parentSpanId: '0000000000000002',
      serviceName: 'fraud',
      startMs: T0 + 300,
      endMs: T0 + 912,
      failed: true,
    }),
    aSpan('0000000000000004', {
      parentSpanId: '0000000000000002',
      serviceName: 'claims',
      startMs: T0 + 400,
      endMs: T0 + 500,
    }),
  ];

  it('names it by its root span’s route, with the status, the request time, the whole time and the services in order', () => {
    const summary = summarizeTrace(claimSubmission);
    expect(summary).toMatchObject({ name: 'POST /v1/claims', status: 202, services: ['gateway', 'claims', 'fraud'] });
    expect(traceLine(summary!)).toBe(
      `POST /v1/claims 202 in 38 ms · 4 spans over 912 ms · 1 failed · gateway → claims → fraud · trace ${TRACE}`,
    );
  });

  it('takes as root the span whose parent is the caller’s, outside the trace received', () => {
    const continued = claimSubmission.map((span) =>
      span.spanId === '0000000000000001' ? { ...span, parentSpanId: '00f067aa0ba902b7' } : span,
    );
    expect(summarizeTrace(continued)?.name).toBe('POST /v1/claims');
  });

  it('has nothing to say about no spans', () => {
    expect(summarizeTrace([])).toBeUndefined();
  });
});
