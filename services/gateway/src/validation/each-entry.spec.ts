import { EachEntry, entryErrors } from './each-entry.js';
import { flattenValidationErrors } from './validation-errors.js';

const isDigit = {
  isValid: (value: unknown) => typeof value === 'string' && /^\d$/.test(value),
  message: 'must be a digit',
};
const isLower = {
  isValid: (value: unknown) => typeof value === 'string' && /^[a-z]+$/.test(value),
  message: 'must be lower-case',
};

class Sample {
  @EachEntry(isDigit) digits: unknown;
  @EachEntry(isDigit, { key: isLower }) byName: unknown;
}

function fieldErrors(values: Partial<Sample>) {
  return flattenValidationErrors(entryErrors(Object.assign(new Sample(), values)));
}

describe('@EachEntry', () => {
  it('names each bad entry of a list by its index and of a map by its key', () => {
    expect(fieldErrors({ digits: ['1', 'x', '3', 4], byName: { a: '1', b: 'two', Cee: '3' } })).toEqual([
      { field: 'digits[1]', message: 'digits[1] must be a digit' },
      { field: 'digits[3]', message: 'digits[3] must be a digit' },
      { field: 'byName.b', message: 'byName.b must be a digit' },
      { field: 'byName.Cee', message: 'the key of byName.Cee must be lower-case' },
    ]);
  });

  it('leaves values of the wrong kind to the field’s own rules', () => {
    expect(fieldErrors({ digits: 'x', byName: ['x'] })).toEqual([]);
    expect(fieldErrors({ digits: undefined, byName: null })).toEqual([]);
  });

  it('reports at most ten bad entries of a field', () => {
    expect(fieldErrors({ digits: Array.from({ length: 50 }, () => 'x') })).toHaveLength(10);
  });
});
