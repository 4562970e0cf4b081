/**
 * ISO 4217 minor-unit digits of the currencies that differ from the usual 2 ("Minor unit" column).
 * Billing keeps its own copy (services share no code): it turns minor units into token units.
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

export function currencyMinorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
}
