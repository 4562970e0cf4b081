import { fieldPath } from './field-errors.js';

describe('fieldPath', () => {
  it('names fields the way the gateway does', () => {
    expect(fieldPath(['coveredCodes', 1])).toBe('coveredCodes[1]');
    expect(fieldPath(['applicant', 'birthDate'])).toBe('applicant.birthDate');
    expect(fieldPath(['copays', 'lab'])).toBe('copays.lab');
    expect(fieldPath([])).toBe('body');
  });
});
