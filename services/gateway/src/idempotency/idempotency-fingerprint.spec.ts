import {
  canonicalJson,
  idempotencyScope,
  IDEMPOTENCY_KEY_PATTERN,
  requestFingerprint,
} from './idempotency-fingerprint.js';

describe('idempotency fingerprints', () => {
  it('treats the same body in another key order as the same request', () => {
    const a = { memberId: 'M-1', lines: [{ code: '99213', charge: 1 }] };
    const b = { lines: [{ charge: 1, code: '99213' }], memberId: 'M-1' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(requestFingerprint('post', '/v1/claims', a)).toBe(requestFingerprint('POST', '/v1/claims', b));
  });

  it('tells apart different bodies, line orders and endpoints', () => {
    const body = { lines: [{ code: 'A' }, { code: 'B' }] };
    const fingerprint = requestFingerprint('POST', '/v1/claims', body);
    expect(requestFingerprint('POST', '/v1/claims', { lines: [{ code: 'B' }, { code: 'A' }] })).not.toBe(fingerprint);
    expect(requestFingerprint('POST', '/v1/estimates', body)).not.toBe(fingerprint);
    expect(requestFingerprint('POST', '/v1/claims', { ...body, extra: 1 })).not.toBe(fingerprint);
  });

  it('keeps callers apart', () => {
    expect(idempotencyScope({ sub: 'u', role: 'clinic', org: 'P-1' })).not.toBe(
      idempotencyScope({ sub: 'u', role: 'clinic', org: 'P-2' }),
    );
    expect(idempotencyScope({ sub: 'u', role: 'patient', patient: 'M-1' })).toBe('patient:M-1:u');
  });

  it('accepts keys of 1 to 255 printable characters', () => {
    expect(IDEMPOTENCY_KEY_PATTERN.test('a')).toBe(true);
    expect(IDEMPOTENCY_KEY_PATTERN.test('x'.repeat(255))).toBe(true);
    expect(IDEMPOTENCY_KEY_PATTERN.test('x'.repeat(256))).toBe(false);
    expect(IDEMPOTENCY_KEY_PATTERN.test('with space')).toBe(false);
    expect(IDEMPOTENCY_KEY_PATTERN.test('')).toBe(false);
  });
});
