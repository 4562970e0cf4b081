import { z } from 'zod';

/**
 * The National Provider Identifier (CMS): ten digits, the last a Luhn check digit computed over the
 * card-issuer prefix `80840` followed by the first nine (45 CFR 162.406; CMS "NPI check digit").
 */
export const NPI_RULE = 'must be a 10-digit National Provider Identifier with a valid check digit';

export function isValidNpi(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  const digits = `80840${value}`;
  let sum = 0;
  // Luhn: from the rightmost digit (the check digit), every second digit is doubled.
  for (let index = digits.length - 1, position = 0; index >= 0; index -= 1, position += 1) {
    let digit = digits.charCodeAt(index) - 48;
    if (position % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export const npi = z.string().refine(isValidNpi, { message: NPI_RULE });
