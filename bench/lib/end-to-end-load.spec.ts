import { busDelta } from './bus-stats.js';
import { aCleanClaim, cleanClaimCapacity, MEMBER_COUNT } from '../scenarios/end-to-end-setup.js';

describe('end-to-end bench load', () => {
  const claims = Array.from({ length: 4_000 }, (_, index) => aCleanClaim(index));

  it('never repeats a member on a service date (no DUPLICATE_CLAIM or NEAR_DUPLICATE)', () => {
    const pairs = new Set(claims.map((claim) => `${claim.memberId}|${claim.serviceDate}`));
    expect(pairs.size).toBe(claims.length);
  });

  it("keeps every clinic's day far below 1,440 typical minutes (no IMPOSSIBLE_DAY)", () => {
    const perClinicDay = new Map<string, number>();
    for (const claim of claims) {
      const key = `${claim.providerId}|${claim.serviceDate}`;
      perClinicDay.set(key, (perClinicDay.get(key) ?? 0) + 1);
    }
    // 99213 (20 min) + 85025 (5 min) per claim.
    expect(Math.max(...perClinicDay.values()) * 25).toBeLessThanOrEqual(1_440);
  });

  it('stays within the dates up to today', () => {
    expect(cleanClaimCapacity()).toBeGreaterThanOrEqual(MEMBER_COUNT);
    expect(() => aCleanClaim(cleanClaimCapacity() + MEMBER_COUNT)).toThrow(/future/);
  });

  it('counts the messages each subject gained, most first, leaving out subjects that gained none', () => {
    const before = { bySubject: { 'a.v1': 5, 'b.v1': 2 }, storage: {} };
    const after = { bySubject: { 'a.v1': 6, 'b.v1': 2, 'c.v1': 3 }, storage: {} };
    expect(busDelta(before, after)).toEqual([
      ['c.v1', 3],
      ['a.v1', 1],
    ]);
  });
});
