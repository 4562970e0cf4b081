import { bumpFees } from './bump-fees.js';

describe('bumping fees for a replacement transaction', () => {
  it('raises both fees by a quarter, rounding up, above the 10 % nodes require', () => {
    expect(
      bumpFees({ maxFeePerGas: 1001n, maxPriorityFeePerGas: 3n }, { maxFeePerGas: 1n, maxPriorityFeePerGas: 1n }),
    ).toEqual({ maxFeePerGas: 1252n, maxPriorityFeePerGas: 4n });
  });

  it('follows the network when it asks for more than the bump', () => {
    const bumped = bumpFees(
      { maxFeePerGas: 100n, maxPriorityFeePerGas: 10n },
      { maxFeePerGas: 900n, maxPriorityFeePerGas: 50n },
    );
    expect(bumped).toEqual({ maxFeePerGas: 900n, maxPriorityFeePerGas: 50n });
  });

  it('keeps the max fee at least the priority fee', () => {
    const bumped = bumpFees(
      { maxFeePerGas: 10n, maxPriorityFeePerGas: 10n },
      { maxFeePerGas: 1n, maxPriorityFeePerGas: 40n },
    );
    expect(bumped.maxFeePerGas).toBeGreaterThanOrEqual(bumped.maxPriorityFeePerGas);
  });
});
