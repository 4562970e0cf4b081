import { missingFieldErrors, RequiresOneOf } from './requires-one-of.js';

@RequiresOneOf('a', 'b')
class Change {
  a?: string | null;
  b?: string;
}

describe('@RequiresOneOf', () => {
  it('refuses a body that sets none of the fields, naming the body', () => {
    const [error] = missingFieldErrors(new Change());
    expect(error).toMatchObject({
      property: 'body',
      constraints: { requiresOneOf: 'the body must set at least one of a, b' },
    });
  });

  it('accepts any one of them, a null included (it removes a value)', () => {
    expect(missingFieldErrors(Object.assign(new Change(), { b: 'x' }))).toEqual([]);
    expect(missingFieldErrors(Object.assign(new Change(), { a: null }))).toEqual([]);
  });
});
