import type { Money } from '@medplum/fhirtypes';
import { currencyMinorDigits } from '#libs/contracts';

/**
 * FHIR Money ↔ the platform's integer minor units (DOMAIN.md, Money), exactly: the conversion works on
 * the decimal's digits, never by multiplying a float (0.29 * 100 is 28.999999999999996).
 */
export function fhirMoney(minorUnits: number, currency: string): Money {
  const digits = currencyMinorDigits(currency);
  const sign = minorUnits < 0 ? '-' : '';
  const text = String(Math.abs(minorUnits)).padStart(digits + 1, '0');
  const decimal = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  // Number() of a decimal with at most 15 significant digits gives back exactly that decimal when
  // JSON writes it, which holds for every safe integer amount of a two-digit currency up to 10^13.
  return { value: Number(`${sign}${decimal}`), currency: currency as Money['currency'] };
}

/** Why a FHIR decimal is not an amount of the currency. */
export type MoneyRefusal = 'not-a-number' | 'negative' | 'too-many-decimals' | 'too-large';

/**
 * The amount in minor units of `value` (a FHIR decimal as JSON parsed it) in `currency`, or why not.
 * The digits come from the number's shortest round-trip text, which is the decimal that was written
 * (JSON `123.45` parses to the double whose shortest text is `123.45`).
 */
export function minorUnitsOf(value: unknown, currency: string): number | MoneyRefusal {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'not-a-number';
  if (value < 0) return 'negative';
  const text = decimalText(value);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return 'not-a-number';
  const [, whole, fraction = ''] = match;
  const digits = currencyMinorDigits(currency);
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > digits) return 'too-many-decimals';
  const minor = Number(`${whole}${significant.padEnd(digits, '0')}`);
  return Number.isSafeInteger(minor) ? minor : 'too-large';
}

/** A number's digits without an exponent (1e-7 is "0.0000001", 1e21 is "1000000000000000000000"). */
function decimalText(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

export const MONEY_REFUSALS: Readonly<Record<MoneyRefusal, (currency: string) => string>> = {
  'not-a-number': () => 'must be a decimal number',
  negative: () => 'must not be negative',
  'too-many-decimals': (currency) =>
    `has more decimals than ${currency} has minor units (${currencyMinorDigits(currency)})`,
  'too-large': () => 'is too large',
};
