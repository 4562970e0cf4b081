/**
 * `roundHalfUp(x * pct / 100)` for x ≥ 0 in integer arithmetic (DOMAIN.md, Money):
 * `floor((x * pct + 50) / 100)`. BigInt keeps `x * pct` exact beyond 2^53.
 */
export function percentOf(amount: number, pct: number): number {
  if (!Number.isSafeInteger(amount) || amount < 0)
    throw new RangeError(`amount ${amount} is not a non-negative integer`);
  if (!Number.isInteger(pct) || pct < 0 || pct > 100) throw new RangeError(`percentage ${pct} is not an integer 0–100`);
  return Number((BigInt(amount) * BigInt(pct) + 50n) / 100n);
}

/**
 * Token base units from currency minor units: `minor * 10^(tokenDecimals - minorDigits)`, exact. An amount
 * that is not a non-negative safe integer is refused rather than converted: beyond 2^53 the number has
 * already lost its exact value, and a fraction of a minor unit has no token amount.
 */
export function toTokenUnits(minorUnits: number, tokenDecimals: number, currencyMinorDigits: number): bigint {
  if (!Number.isSafeInteger(minorUnits) || minorUnits < 0) {
    throw new RangeError(`amount ${minorUnits} is not a non-negative integer`);
  }
  if (!Number.isInteger(tokenDecimals) || !Number.isInteger(currencyMinorDigits) || currencyMinorDigits < 0) {
    throw new RangeError(`decimals ${tokenDecimals} and minor digits ${currencyMinorDigits} must be whole numbers`);
  }
  const shift = tokenDecimals - currencyMinorDigits;
  if (shift < 0) throw new RangeError('token has fewer decimals than the currency');
  return BigInt(minorUnits) * 10n ** BigInt(shift);
}
