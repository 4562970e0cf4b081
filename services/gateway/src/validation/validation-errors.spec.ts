import type { ValidationError } from 'class-validator';
import { flattenValidationErrors } from './validation-errors.js';

const error = (
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError => ({
  property,
  constraints,
  children,
});

describe('flattenValidationErrors', () => {
  it('names nested fields by their path', () => {
    const errors = [
      error('serviceDate', { isRealDate: 'serviceDate must be a real date' }),
      error('lines', undefined, [
        error('0', undefined, [error('charge', { isMinorUnits: 'charge must be an amount' })]),
        error('2', { nestedValidation: 'must be an object' }),
      ]),
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'serviceDate', message: 'serviceDate must be a real date' },
      { field: 'lines[0].charge', message: 'charge must be an amount' },
      { field: 'lines[2]', message: 'must be an object' },
    ]);
  });

  it('names an error about the whole value "body"', () => {
    expect(flattenValidationErrors([error('', { unknownValue: 'unknown value' })])).toEqual([
      { field: 'body', message: 'unknown value' },
    ]);
  });

  it('names an unknown field made of digits as a field, not as a list index', () => {
    const whitelist = (name: string) => ({ whitelistValidation: `property ${name} should not exist` });
    const errors = [
      error('8', whitelist('8')),
      error('lines', undefined, [error('0', undefined, [error('1', whitelist('1'))])]),
    ];
    expect(flattenValidationErrors(errors).map((entry) => entry.field)).toEqual(['8', 'lines[0].1']);
  });
});
