import { fromMinorUnits, toMinorUnits } from './amount-input';

describe('a charge typed by the clinic', () => {
  it('becomes integer minor units, exactly', () => {
    expect(toMinorUnits('150')).toBe(15000);
    expect(toMinorUnits('150.5')).toBe(15050);
    expect(toMinorUnits(' 1,234.56 ')).toBe(123456);
    expect(toMinorUnits('0.29')).toBe(29);
    expect(toMinorUnits('-5')).toBe(-500);
  });

  it('is NaN when it is not an amount, so the API names the field', () => {
    expect(toMinorUnits('')).toBeNaN();
    expect(toMinorUnits('abc')).toBeNaN();
    expect(toMinorUnits('1.234')).toBeNaN();
  });

  it('prefills from minor units', () => {
    expect(fromMinorUnits(15000)).toBe('150.00');
    expect(fromMinorUnits(29)).toBe('0.29');
    expect(fromMinorUnits(-1999)).toBe('-19.99');
  });
});
