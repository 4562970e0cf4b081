import { formatMoney, formatTokenAmount } from './money';

describe('money', () => {
  it('shows minor units in the currency with its two decimals', () => {
    expect(formatMoney(15000, 'USD')).toBe('$150.00');
    expect(formatMoney(5, 'USD')).toBe('$0.05');
    expect(formatMoney(123456789, 'USD')).toBe('$1,234,567.89');
    expect(formatMoney(2500, 'EUR')).toBe('€25.00');
    expect(formatMoney(0, 'USD')).toBe('$0.00');
    expect(formatMoney(-1999, 'USD')).toBe('-$19.99');
  });

  it('uses the currency’s own minor unit', () => {
    expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
  });

  it('says so when the currency is not known yet', () => {
    expect(formatMoney(15000, null)).toBe('150.00 (currency not known yet)');
  });

  it('shows token base units with their decimals', () => {
    expect(formatTokenAmount('120000000000000000000', 18, 'HCET')).toBe('120.00 HCET');
    expect(formatTokenAmount('1000000000000000000000000', 18, 'HCET')).toBe('1,000,000.00 HCET');
    expect(formatTokenAmount('5', 18, 'HCET')).toBe('0.00 HCET');
  });
});
