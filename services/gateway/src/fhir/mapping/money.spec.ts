import { fhirMoney, minorUnitsOf } from './money.js';

describe('FHIR Money and minor units', () => {
  it('writes minor units as the decimal of the currency, exactly', () => {
    expect(fhirMoney(12345, 'USD')).toEqual({ value: 123.45, currency: 'USD' });
    expect(fhirMoney(20000, 'USD')).toEqual({ value: 200, currency: 'USD' });
    expect(fhirMoney(5, 'USD')).toEqual({ value: 0.05, currency: 'USD' });
    expect(fhirMoney(0, 'USD')).toEqual({ value: 0, currency: 'USD' });
    expect(fhirMoney(1500, 'JPY')).toEqual({ value: 1500, currency: 'JPY' });
    expect(fhirMoney(1234, 'KWD')).toEqual({ value: 1.234, currency: 'KWD' });
    expect(JSON.stringify(fhirMoney(29, 'USD'))).toBe('{"value":0.29,"currency":"USD"}');
  });

  it('reads a decimal into minor units without floating-point error', () => {
    expect(minorUnitsOf(123.45, 'USD')).toBe(12345);
    expect(minorUnitsOf(0.29, 'USD')).toBe(29);
    expect(minorUnitsOf(JSON.parse('200.00'), 'USD')).toBe(20000);
    expect(minorUnitsOf(266, 'USD')).toBe(26600);
    expect(minorUnitsOf(1.1, 'USD')).toBe(110);
    expect(minorUnitsOf(1500, 'JPY')).toBe(1500);
    expect(minorUnitsOf(1.234, 'KWD')).toBe(1234);
  });

  it('round-trips every amount of cents up to a billion dollars tried', () => {
    for (const minor of [1, 7, 10, 99, 101, 1_005, 28_999, 123_456_789, 99_999_999_999]) {
      const money = fhirMoney(minor, 'USD');
      expect(minorUnitsOf(JSON.parse(JSON.stringify(money.value)), 'USD')).toBe(minor);
    }
  });

  it('refuses more decimals than the currency has, negatives and non-numbers', () => {
    expect(minorUnitsOf(123.456, 'USD')).toBe('too-many-decimals');
    expect(minorUnitsOf(1e-7, 'USD')).toBe('too-many-decimals');
    expect(minorUnitsOf(1.5, 'JPY')).toBe('too-many-decimals');
    expect(minorUnitsOf(-1, 'USD')).toBe('negative');
    expect(minorUnitsOf('200.00', 'USD')).toBe('not-a-number');
    expect(minorUnitsOf(Number.NaN, 'USD')).toBe('not-a-number');
    expect(minorUnitsOf(1e300, 'USD')).toBe('too-large');
  });
});
