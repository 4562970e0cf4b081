import { ageOn, planBaseRate, quotePremium, type RatedPlan } from './rating-model.js';

const aPlan = (overrides: Partial<RatedPlan> = {}): RatedPlan => ({
  currency: 'USD',
  deductible: 50_000,
  coinsurancePct: 20,
  oopMax: 300_000,
  annualLimit: 0,
  ...overrides,
});

const applicant = (birthDate: string, smoker = false, chronicConditions: string[] = []) => ({
  birthDate,
  smoker,
  chronicConditions,
});

describe('planBaseRate', () => {
  it("is what the plan pays of the reference member's year, plus the 15 % loading", () => {
    // reference 600000 ¢; member pays 50000 + 20 % of 550000 = 160000; plan 440000; × 1.15
    expect(planBaseRate(aPlan())).toBe(506_000);
  });

  it('caps the member at the out-of-pocket maximum and the plan at its annual limit', () => {
    // member: 500000 + 50 % of 100000 = 550000, capped at 200000; plan 400000; × 1.15
    expect(planBaseRate(aPlan({ deductible: 500_000, coinsurancePct: 50, oopMax: 200_000 }))).toBe(460_000);
    expect(planBaseRate(aPlan({ deductible: 0, coinsurancePct: 0, oopMax: 0, annualLimit: 100_000 }))).toBe(115_000);
  });

  it('takes the reference cost in the currency’s own minor unit', () => {
    const rich = { deductible: 0, coinsurancePct: 0, oopMax: 0 };
    expect(planBaseRate(aPlan({ ...rich, currency: 'JPY' }))).toBe(6_900);
    expect(planBaseRate(aPlan({ ...rich, currency: 'KWD' }))).toBe(6_900_000);
  });

  it('is zero when the deductible exceeds the reference cost', () => {
    expect(planBaseRate(aPlan({ deductible: 1_000_000, oopMax: 2_000_000 }))).toBe(0);
  });
});

describe('quotePremium', () => {
  it('multiplies the base rate by the age band, smoker and chronic-condition factors and reports each', () => {
    const quote = quotePremium(aPlan(), applicant('1980-06-15', true, ['asthma', 'Diabetes', 'asthma ']), '2026-01-10');
    // 506000 × 1.45 × 1.50 × 1.30 = 1430715
    expect(quote).toEqual({
      annualPremium: 1_430_715,
      riskScore: 48,
      factors: [
        { name: 'plan base rate (USD minor units)', effect: '506000' },
        { name: 'age 45–54', effect: '×1.45' },
        { name: 'smoker', effect: '×1.50' },
        { name: 'chronic conditions: 2', effect: '×1.30' },
      ],
    });
  });

  it('rounds the premium half up to a whole minor unit, once', () => {
    const jpy = aPlan({ currency: 'JPY', deductible: 0, coinsurancePct: 0, oopMax: 0 });
    // 6900 × 1.10 × 1.15 = 8728.5
    expect(quotePremium(jpy, applicant('1996-01-01', false, ['copd']), '2026-01-01').annualPremium).toBe(8_729);
  });

  it('scores risk from 0 for the lowest combined factor to 100 for the highest', () => {
    expect(quotePremium(aPlan(), applicant('2020-01-01'), '2026-01-01').riskScore).toBe(0);
    const worst = applicant('1950-01-01', true, ['a', 'b', 'c', 'd', 'e']);
    const quote = quotePremium(aPlan(), worst, '2026-01-01');
    expect(quote.riskScore).toBe(100);
    expect(quote.factors[1]).toEqual({ name: 'age 65+', effect: '×2.10' });
    expect(quote.factors[3]).toEqual({ name: 'chronic conditions: 5 (at most 4 counted)', effect: '×1.60' });
  });

  it('reports a healthy non-smoker with neutral factors', () => {
    const quote = quotePremium(aPlan(), applicant('2000-03-01'), '2026-03-01');
    expect(quote.factors.slice(1)).toEqual([
      { name: 'age 25–34', effect: '×1.10' },
      { name: 'non-smoker', effect: '×1.00' },
      { name: 'chronic conditions: none', effect: '×1.00' },
    ]);
    expect(quote.annualPremium).toBe(556_600);
  });

  it('moves to the next age band on the birthday, not before', () => {
    expect(quotePremium(aPlan(), applicant('2008-05-10'), '2026-05-09').factors[1].name).toBe('age 0–17');
    expect(quotePremium(aPlan(), applicant('2008-05-10'), '2026-05-10').factors[1].name).toBe('age 18–24');
  });
});

describe('ageOn', () => {
  it('counts a 29 February birthday from 1 March in common years', () => {
    expect(ageOn('2004-02-29', '2025-02-28')).toBe(20);
    expect(ageOn('2004-02-29', '2025-03-01')).toBe(21);
    expect(ageOn('2004-02-29', '2028-02-29')).toBe(24);
  });
});
