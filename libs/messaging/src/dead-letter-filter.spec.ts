import { BusNamespace } from '#libs/contracts';
import {
  deadLetterFilterSubject,
  isKnownSubjectPattern,
  parseTimestamp,
  subjectPatternProblem,
} from './dead-letter-filter.js';

describe('dead-letter filters', () => {
  it('accepts subjects and NATS patterns of bare subjects', () => {
    for (const pattern of ['claims.claim.decided.v1', 'billing.>', '*.payout.*.v1', '>']) {
      expect(subjectPatternProblem(pattern)).toBeNull();
    }
    for (const pattern of ['', 'claims..v1', 'claims.>.v1', 'Claims.claim', 'claims claim', 'a.b*']) {
      expect(subjectPatternProblem(pattern)).toMatch(/must be/);
    }
  });

  it('knows a pattern only when it names a subject of the platform', () => {
    expect(isKnownSubjectPattern('claims.claim.decided.v1')).toBe(true);
    expect(isKnownSubjectPattern('ledger.payout.*.v1')).toBe(true);
    expect(isKnownSubjectPattern('claims.claim.decided.v9')).toBe(false);
    expect(isKnownSubjectPattern('nothing.>')).toBe(false);
    expect(isKnownSubjectPattern('claims..v1')).toBe(false);
  });

  it('filters the DLQ stream under the namespace', () => {
    const ns = new BusNamespace('t1');
    expect(deadLetterFilterSubject(ns, undefined)).toBe('t1.dlq.>');
    expect(deadLetterFilterSubject(ns, 'billing.>')).toBe('t1.dlq.billing.>');
    expect(() => deadLetterFilterSubject(ns, 'billing. x')).toThrow(/subject "billing. x" must be/);
  });

  it('reads RFC 3339 timestamps with a zone and refuses the rest', () => {
    expect(parseTimestamp('2026-03-14T08:00:00Z')?.toISOString()).toBe('2026-03-14T08:00:00.000Z');
    expect(parseTimestamp('2026-03-14T09:00:00.5+01:00')?.toISOString()).toBe('2026-03-14T08:00:00.500Z');
    for (const text of ['2026-03-14', '2026-03-14T08:00:00', '2026-02-30T08:00:00Z', 'yesterday', '']) {
      expect(parseTimestamp(text)).toBeNull();
    }
  });
});
