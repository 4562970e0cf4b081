/**
 * Money in the API is an integer in the currency's minor unit (API.md, Conventions). Shown in the currency
 * with its minor digits (two for USD and EUR), computed in integers so no cent is lost on the way.
 */
export function formatMoney(minorUnits: number, currency: string | null | undefined, locale = 'en-US'): string {
  if (!currency) return `${formatPlain(minorUnits, 2)} (currency not known yet)`;
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(Number(formatPlain(minorUnits, digits)));
}

function formatPlain(minorUnits: number, digits: number): string {
  const negative = minorUnits < 0;
  const text = Math.abs(Math.trunc(minorUnits))
    .toString()
    .padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = digits > 0 ? `.${text.slice(-digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Token base units (a decimal string, beyond 2^53) as a decimal amount: 18 decimals for HCET. */
export function formatTokenAmount(baseUnits: string, decimals: number, symbol: string, shownDecimals = 2): string {
  const value = BigInt(baseUnits);
  const scale = 10n ** BigInt(decimals);
  const whole = value / scale;
  const fraction = ((value % scale) * 10n ** BigInt(shownDecimals)) / scale;
  return `${whole.toLocaleString('en-US')}.${fraction.toString().padStart(shownDecimals, '0')} ${symbol}`;
}
