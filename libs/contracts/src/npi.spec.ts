import { isValidNpi } from './npi.js';

describe('NPI check digit', () => {
  it('accepts NPIs whose last digit is the Luhn check digit over 80840 and the first nine', () => {
    // CMS's own worked example, and the NPI of the Da Vinci PCT IG's current example organisation.
    expect(isValidNpi('1234567893')).toBe(true);
    expect(isValidNpi('9941339100')).toBe(true);
  });

  it('refuses a wrong check digit, including the ones in older Da Vinci PCT examples', () => {
    expect(isValidNpi('1234567890')).toBe(false);
    expect(isValidNpi('1234567995')).toBe(false);
    expect(isValidNpi('1234568095')).toBe(false);
    expect(isValidNpi('6456789016')).toBe(false);
  });

  it('refuses anything but ten digits', () => {
    for (const value of ['', '123456789', '12345678930', '123456789X', ' 1234567893', '１２３４５６７８９３']) {
      expect(isValidNpi(value)).toBe(false);
    }
  });
});
