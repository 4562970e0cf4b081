import { TraceFlags } from '@opentelemetry/api';
import { formatTraceparent, responseTraceparent, traceIdOf } from './traceparent.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

describe('traceparent', () => {
  it('formats a sampled span context as W3C version 00', () => {
    expect(formatTraceparent({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED })).toBe(
      `00-${TRACE_ID}-${SPAN_ID}-01`,
    );
    expect(formatTraceparent({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.NONE })).toBe(
      `00-${TRACE_ID}-${SPAN_ID}-00`,
    );
  });

  it('reads the trace id of a well-formed header only', () => {
    expect(traceIdOf(`00-${TRACE_ID}-${SPAN_ID}-01`)).toBe(TRACE_ID);
    expect(traceIdOf(`00-${'0'.repeat(32)}-${SPAN_ID}-01`)).toBeUndefined();
    expect(traceIdOf('00-XYZ-1-01')).toBeUndefined();
    expect(traceIdOf(undefined)).toBeUndefined();
  });

  describe('of a response outside any span (no SDK running)', () => {
    it('continues the caller trace id with a new unsampled span id', () => {
      const header = responseTraceparent(`00-${TRACE_ID}-${SPAN_ID}-01`);
      expect(header).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-00$`));
      expect(header).not.toContain(SPAN_ID);
    });

    it('starts a fresh well-formed one when the caller sent none or a malformed one', () => {
      expect(responseTraceparent(undefined)).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
      expect(traceIdOf(responseTraceparent('garbage'))).toMatch(/^[0-9a-f]{32}$/);
    });
  });
});
