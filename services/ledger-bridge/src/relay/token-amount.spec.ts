import { tokensFromBaseUnits } from './token-amount.js';

describe('tokensFromBaseUnits', () => {
  it.each([
    [999_930_000_000_000_000_000_000n, 18, '999930.00'],
    [70_000_000_000_000_000_000n, 18, '70.00'],
    [1_234_500_000_000_000_000n, 18, '1.2345'],
    [1n, 18, '0.000000000000000001'],
    [0n, 18, '0.00'],
    [12_345n, 2, '123.45'],
    [-150n, 2, '-1.50'],
  ])('%s base units at %i decimals are %s tokens', (units, decimals, tokens) => {
    expect(tokensFromBaseUnits(units, decimals)).toBe(tokens);
  });
});
