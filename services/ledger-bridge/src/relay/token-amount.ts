/**
 * Token base units as a decimal number of tokens, exact (no float on the way), with at least two decimals so
 * that amounts paid from cents read as money: 999930000000000000000000 at 18 decimals → "999930.00".
 */
export function tokensFromBaseUnits(units: bigint, decimals: number): string {
  const sign = units < 0n ? '-' : '';
  const digits = (units < 0n ? -units : units).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits
    .slice(digits.length - decimals)
    .replace(/0+$/, '')
    .padEnd(2, '0');
  return `${sign}${whole}.${fraction}`;
}
