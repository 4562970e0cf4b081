import { BusNamespace, isRealDate } from './index.js';

describe('isRealDate', () => {
  it.each(['2026-02-28', '2024-02-29', '2026-12-31'])('accepts %s', (value) => expect(isRealDate(value)).toBe(true));
  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-1-01', '20260101', ''])('rejects %s', (value) =>
    expect(isRealDate(value)).toBe(false),
  );
});

describe('BusNamespace', () => {
  it('keeps production names when empty', () => {
    const ns = new BusNamespace('');
    expect(ns.subject('claims.claim.submitted.v1')).toBe('claims.claim.submitted.v1');
    expect(ns.stream('CLAIMS')).toBe('CLAIMS');
  });

  it('prefixes subjects and streams, and strips the prefix back', () => {
    const ns = new BusNamespace('t1a-b');
    expect(ns.subject('claims.claim.submitted.v1')).toBe('t1a-b.claims.claim.submitted.v1');
    expect(ns.strip('t1a-b.claims.claim.submitted.v1')).toBe('claims.claim.submitted.v1');
    expect(ns.stream('CLAIMS')).toBe('T1A_B_CLAIMS');
  });

  it('refuses a prefix that would break subject syntax', () => {
    expect(() => new BusNamespace('a.b')).toThrow(/BUS_NAMESPACE/);
  });
});
