import {
  duplicateClaim,
  estimateInflation,
  excludedProvider,
  nearDuplicate,
  serviceAfterDeath,
} from './claim-rules.js';
import type { FraudFacts, ScreenedClaim, ScreenedLine } from './fraud-facts.js';
import { chargeHistoryOf, chargeOutlier, impossibleDay, median, providerSpike } from './provider-rules.js';
import { screenClaim } from './screen-claim.js';

let sequence = 0;
const aClaim = (lines: ScreenedLine[], overrides: Partial<ScreenedClaim> = {}): ScreenedClaim => ({
  id: `7f3c${String(++sequence).padStart(4, '0')}-0000-4000-8000-000000000000`,
  memberId: 'M-1',
  providerId: 'P-1',
  serviceDate: '2026-03-02',
  submittedAt: '2026-03-03T10:00:00Z',
  estimateId: null,
  lines,
  ...overrides,
});
const line = (code: string, units = 1, charge = 10000): ScreenedLine => ({ code, units, charge });

const facts = (claim: ScreenedClaim, overrides: Partial<FraudFacts> = {}): FraudFacts => ({
  claim,
  sameDayClaims: [],
  memberDateOfDeath: null,
  providerExclusions: [],
  providerDayClaims: [],
  typicalMinutes: new Map([
    ['99213', 20],
    ['27447', 120],
  ]),
  estimateTotalCharge: null,
  chargeHistory: new Map(),
  providerClaimsLast24h: 0,
  providerClaimsPrevious30d: 0,
  ...overrides,
});

describe('DUPLICATE_CLAIM', () => {
  it('hits the same multiset of (code, units) in any order, naming the earlier claim and its date', () => {
    const earlier = aClaim([line('99213'), line('80053', 2)]);
    const hit = duplicateClaim(facts(aClaim([line('80053', 2), line('99213')]), { sameDayClaims: [earlier] }));
    expect(hit).toMatchObject({ code: 'DUPLICATE_CLAIM', points: 100 });
    expect(hit?.explanation).toBe(`same lines as claim ${earlier.id.slice(0, 8)}… of 2026-03-02`);
  });

  it('misses when the units differ', () => {
    const earlier = aClaim([line('99213'), line('80053', 2)]);
    expect(duplicateClaim(facts(aClaim([line('99213'), line('80053', 1)]), { sameDayClaims: [earlier] }))).toBeNull();
  });
});

describe('NEAR_DUPLICATE', () => {
  it('hits an earlier same-day claim sharing a code', () => {
    const hit = nearDuplicate(
      facts(aClaim([line('99213'), line('70551')]), { sameDayClaims: [aClaim([line('99213')])] }),
    );
    expect(hit).toMatchObject({ code: 'NEAR_DUPLICATE', points: 40 });
    expect(hit?.explanation).toContain('shares 99213');
  });

  it('misses when no code is shared', () => {
    expect(nearDuplicate(facts(aClaim([line('70551')]), { sameDayClaims: [aClaim([line('99213')])] }))).toBeNull();
  });
});

describe('SERVICE_AFTER_DEATH', () => {
  it('hits a service after the date of death', () => {
    expect(serviceAfterDeath(facts(aClaim([line('99213')]), { memberDateOfDeath: '2026-03-01' }))).toMatchObject({
      code: 'SERVICE_AFTER_DEATH',
      points: 100,
    });
  });

  it('misses a service on the day of death', () => {
    expect(serviceAfterDeath(facts(aClaim([line('99213')]), { memberDateOfDeath: '2026-03-02' }))).toBeNull();
  });
});

describe('EXCLUDED_PROVIDER', () => {
  it('hits inside the exclusion period, bounds included', () => {
    const exclusion = { from: '2026-03-02', to: '2026-03-31', reason: 'OIG list' };
    expect(excludedProvider(facts(aClaim([line('99213')]), { providerExclusions: [exclusion] }))).toMatchObject({
      code: 'EXCLUDED_PROVIDER',
      points: 100,
    });
  });

  it('misses before the exclusion takes effect', () => {
    const exclusion = { from: '2026-03-03', to: null, reason: 'OIG list' };
    expect(excludedProvider(facts(aClaim([line('99213')]), { providerExclusions: [exclusion] }))).toBeNull();
  });
});

describe('IMPOSSIBLE_DAY', () => {
  it('hits when the provider bills more than 1,440 typical minutes on one day', () => {
    const others = Array.from({ length: 11 }, () => aClaim([line('27447')], { memberId: 'M-9' }));
    // 11 × 120 + 6 × 20 = 1,440 minutes is not over the day; one more unit of 99213 is
    expect(impossibleDay(facts(aClaim([line('99213', 6)]), { providerDayClaims: others }))).toBeNull();
    expect(impossibleDay(facts(aClaim([line('99213', 7)]), { providerDayClaims: others }))).toMatchObject({
      code: 'IMPOSSIBLE_DAY',
      points: 80,
    });
  });
});

describe('ESTIMATE_INFLATION', () => {
  const cited = (charge: number) => aClaim([line('99213', 1, charge)], { estimateId: 'e5b1aaaa-0000' });
  it('hits a total charge more than 20 % above the estimate', () => {
    expect(estimateInflation(facts(cited(12001), { estimateTotalCharge: 10000 }))).toMatchObject({
      code: 'ESTIMATE_INFLATION',
      points: 40,
    });
  });

  it('misses exactly 20 % above', () => {
    expect(estimateInflation(facts(cited(12000), { estimateTotalCharge: 10000 }))).toBeNull();
  });
});

describe('CHARGE_OUTLIER', () => {
  const history = new Map([['99213', chargeHistoryOf(Array.from({ length: 20 }, () => 10000))]]);
  it('hits a charge per unit above 3 × the median', () => {
    expect(chargeOutlier(facts(aClaim([line('99213', 2, 60002)]), { chargeHistory: history }))).toMatchObject({
      code: 'CHARGE_OUTLIER',
      points: 30,
    });
  });

  it('misses at exactly 3 × the median, and with fewer than 20 samples', () => {
    expect(chargeOutlier(facts(aClaim([line('99213', 2, 60000)]), { chargeHistory: history }))).toBeNull();
    const thin = new Map([['99213', chargeHistoryOf(Array.from({ length: 19 }, () => 10000))]]);
    expect(chargeOutlier(facts(aClaim([line('99213', 1, 90000)]), { chargeHistory: thin }))).toBeNull();
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(median([1, 3, 2, 10])).toBe(2.5);
  });
});

describe('PROVIDER_SPIKE', () => {
  it('hits more than 3 × the daily average of the previous 30 days', () => {
    expect(providerSpike(facts(aClaim([]), { providerClaimsLast24h: 4, providerClaimsPrevious30d: 30 }))).toMatchObject(
      {
        code: 'PROVIDER_SPIKE',
        points: 30,
      },
    );
  });

  it('misses at exactly 3 ×, and with fewer than 30 claims of history', () => {
    expect(providerSpike(facts(aClaim([]), { providerClaimsLast24h: 3, providerClaimsPrevious30d: 30 }))).toBeNull();
    expect(providerSpike(facts(aClaim([]), { providerClaimsLast24h: 20, providerClaimsPrevious30d: 29 }))).toBeNull();
  });
});

describe('screenClaim', () => {
  it('caps the score at 100 and holds at the threshold', () => {
    const earlier = aClaim([line('99213')]);
    const screening = screenClaim(facts(aClaim([line('99213')]), { sameDayClaims: [earlier] }));
    expect(screening.hits.map((hit) => hit.code)).toEqual(['DUPLICATE_CLAIM', 'NEAR_DUPLICATE']);
    expect(screening).toMatchObject({ score: 100, flagged: true, held: true });
  });

  it('flags without holding below the threshold, and does neither for a clean claim', () => {
    const near = screenClaim(
      facts(aClaim([line('99213'), line('70551')]), { sameDayClaims: [aClaim([line('99213')])] }),
    );
    expect(near).toMatchObject({ score: 40, flagged: true, held: false });
    expect(screenClaim(facts(aClaim([line('99213')])))).toEqual({ hits: [], score: 0, flagged: false, held: false });
  });
});
