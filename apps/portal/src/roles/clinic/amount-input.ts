/**
 * A charge typed in the currency ("150", "150.5", "1,234.56") as the API's integer minor units, without
 * floating-point rounding. Anything else is NaN, which goes to the API as null: the API's own message then
 * shows under the field, so the rules stay the API's.
 */
export function toMinorUnits(text: string): number {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/,/g, ''));
  if (!match) return Number.NaN;
  const [, sign, whole = '0', fraction = ''] = match;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return sign ? -cents : cents;
}

/** Minor units as the text a clinic would type ("150.00"), to prefill a charge. */
export function fromMinorUnits(minorUnits: number): string {
  const sign = minorUnits < 0 ? '-' : '';
  const abs = Math.abs(minorUnits);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Today as YYYY-MM-DD in the clinic's own time zone (the day it sees on its calendar). */
export function today(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}
