import { isAccepted, isRetryable, outcomeLabel, parseRetryAfter, retryDelayMs } from './retry-policy.js';

const answer = (status: number, kind?: string) => ({
  kind: 'answer' as const,
  status,
  ...(kind ? { problemType: `urn:problem:healthclaims:${kind}` } : {}),
});

describe('the load client retry policy', () => {
  it('retries outages, rate limits, a key still in use, timeouts and lost connections', () => {
    expect(isRetryable(answer(503, 'service-unavailable'))).toBe(true);
    expect(isRetryable(answer(500, 'internal'))).toBe(true);
    expect(isRetryable(answer(429, 'too-many-requests'))).toBe(true);
    expect(isRetryable(answer(409, 'idempotency-key-in-use'))).toBe(true);
    expect(isRetryable({ kind: 'timeout' })).toBe(true);
    expect(isRetryable({ kind: 'connection-error', message: 'ECONNREFUSED' })).toBe(true);
  });

  it('does not retry its own mistakes, a reused key above all', () => {
    expect(isRetryable(answer(409, 'idempotency-key-reused'))).toBe(false);
    expect(isRetryable(answer(400, 'validation'))).toBe(false);
    expect(isRetryable(answer(403, 'forbidden'))).toBe(false);
  });

  it('takes any 2xx as accepted', () => {
    expect(isAccepted(answer(202))).toBe(true);
    expect(isAccepted(answer(503))).toBe(false);
    expect(isAccepted({ kind: 'timeout' })).toBe(false);
  });

  it('labels 409s by their problem type and the rest by status', () => {
    expect(outcomeLabel(answer(409, 'idempotency-key-in-use'))).toBe('409 idempotency-key-in-use');
    expect(outcomeLabel(answer(503, 'service-unavailable'))).toBe('503');
    expect(outcomeLabel({ kind: 'connection-error', message: 'x' })).toBe('connection-error');
  });

  it('backs off exponentially up to 5 s, and waits at least the Retry-After', () => {
    expect(retryDelayMs(1, undefined, 1)).toBe(200);
    expect(retryDelayMs(3, undefined, 1)).toBe(800);
    expect(retryDelayMs(20, undefined, 1)).toBe(5_000);
    expect(retryDelayMs(20, undefined, 0)).toBe(2_500);
    expect(retryDelayMs(1, 2, 0)).toBe(2_000);
    expect(retryDelayMs(1, 3_600, 0)).toBe(30_000);
  });

  it('reads Retry-After in seconds and ignores what it cannot read', () => {
    expect(parseRetryAfter('3')).toBe(3);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT')).toBeUndefined();
  });
});
