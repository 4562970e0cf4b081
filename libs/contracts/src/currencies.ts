/**
 * ISO 4217 minor-unit digits for the currencies that differ from the usual 2 (ISO 4217 "Minor unit"
 * column). Every amount is an integer in the minor unit, so these digits turn it into major units (for
 * reading) and into token units (DOMAIN.md, Money: `minor * 10^(tokenDecimals - digits)`). Shared so that
 * underwriting (quotes) and billing (payouts) can never disagree on them.
 */
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

/** An ISO 4217 code's shape: three upper-case letters. */
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

export function currencyMinorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
}
