import { percentOf, toTokenUnits } from './money.js';

describe('toTokenUnits (DOMAIN.md, Money: minor units × 10^(token decimals − minor digits), exact)', () => {
  it('shifts cents into an 18-decimal token, and a currency without cents or with mills by its own digits', () => {
    expect(toTokenUnits(12_345, 18, 2)).toBe(123_450_000_000_000_000_000n);
    expect(toTokenUnits(500, 18, 0)).toBe(500n * 10n ** 18n);
    expect(toTokenUnits(1_234, 18, 3)).toBe(1_234n * 10n ** 15n);
  });

  it('keeps the amount when the token has as many decimals as the currency, and pays zero as zero', () => {
    expect(toTokenUnits(12_345, 2, 2)).toBe(12_345n);
    expect(toTokenUnits(0, 18, 2)).toBe(0n);
    expect(toTokenUnits(1, 6, 2)).toBe(10_000n);
  });

  it('is exact for the largest safe amount, far past what a double could hold after the shift', () => {
    expect(toTokenUnits(Number.MAX_SAFE_INTEGER, 18, 2)).toBe(9_007_199_254_740_991n * 10n ** 16n);
    expect(toTokenUnits(Number.MAX_SAFE_INTEGER, 18, 2).toString()).toBe('90071992547409910000000000000000');
  });

  it('never rounds: a fraction of a minor unit, a negative or an unsafe amount is refused', () => {
    for (const amount of [0.5, 10.01, -1, Number.MAX_SAFE_INTEGER + 1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => toTokenUnits(amount, 18, 2)).toThrow(RangeError);
    }
  });

  it('refuses a token with fewer decimals than the currency, and decimals that are not whole numbers', () => {
    expect(() => toTokenUnits(100, 2, 3)).toThrow('token has fewer decimals than the currency');
    expect(() => toTokenUnits(100, 18.5, 2)).toThrow(RangeError);
    expect(() => toTokenUnits(100, 18, -1)).toThrow(RangeError);
  });
});

describe('percentOf (DOMAIN.md, Money: floor((x × pct + 50) / 100))', () => {
  it('rounds half up, in integer arithmetic', () => {
    expect([percentOf(250, 20), percentOf(1_234, 15), percentOf(1_250, 1), percentOf(1_249, 2)]).toEqual([
      50, 185, 13, 25,
    ]);
    expect([percentOf(0, 40), percentOf(999, 0), percentOf(999, 100)]).toEqual([0, 0, 999]);
  });

  it('is exact where amount × pct passes 2^53', () => {
    expect(percentOf(Number.MAX_SAFE_INTEGER, 50)).toBe(4_503_599_627_370_496);
  });

  it('refuses a negative or fractional amount and a percentage outside 0–100', () => {
    expect(() => percentOf(-1, 20)).toThrow(RangeError);
    expect(() => percentOf(10.5, 20)).toThrow(RangeError);
    expect(() => percentOf(100, 101)).toThrow(RangeError);
    expect(() => percentOf(100, 12.5)).toThrow(RangeError);
  });
});
