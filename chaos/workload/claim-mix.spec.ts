import { claimCapacity, payloadKey, plannedClaim } from './claim-mix.js';

const shape = { runId: 'r1', members: 50, providers: 10 };

describe('the campaign claims', () => {
  it('pays 18 claims in 20, denies one and closes one', () => {
    const outcomes = Array.from({ length: 20 }, (_, index) => plannedClaim(index, shape).expected);
    expect(outcomes.filter((outcome) => outcome === 'paid')).toHaveLength(18);
    expect(outcomes.filter((outcome) => outcome === 'denied')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'closed')).toHaveLength(1);
  });

  it('expects the plan to pay 80 % of the allowed 12,000 cents on a paid claim, nothing otherwise', () => {
    expect(plannedClaim(0, shape).expectedPlanPays).toBe(9_600);
    expect(plannedClaim(7, shape).expectedPlanPays).toBe(0);
    expect(plannedClaim(13, shape).expectedPlanPays).toBe(0);
  });

  it('never repeats a member and service date, so no fraud rule sees a duplicate', () => {
    const seen = new Set(Array.from({ length: 5_000 }, (_, i) => plannedClaim(i, shape).body).map(payloadKey));
    expect(seen.size).toBe(5_000);
    const pairs = new Set(
      Array.from({ length: 5_000 }, (_, i) => plannedClaim(i, shape).body).map((b) => `${b.memberId}|${b.serviceDate}`),
    );
    expect(pairs.size).toBe(5_000);
  });

  it('gives each claim its own Idempotency-Key, named after the run', () => {
    expect(plannedClaim(42, shape).key).toBe('chaos-r1-42');
  });

  it('moves to the next service date once every member has a claim on this one', () => {
    expect(plannedClaim(49, shape).body.serviceDate).toBe('2025-01-02');
    expect(plannedClaim(50, shape).body.serviceDate).toBe('2025-01-03');
  });

  it('counts the claims whose service dates are not in the future', () => {
    expect(claimCapacity(50, new Date('2025-01-02T12:00:00Z'))).toBe(50);
    expect(claimCapacity(50, new Date('2025-01-04T00:00:00Z'))).toBe(150);
  });
});
