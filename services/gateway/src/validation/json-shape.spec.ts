import { MAX_ARRAY_ITEMS, MAX_OBJECT_FIELDS } from './hostile-json.js';
import { oversizedContainer } from './json-shape.js';

const keys = (count: number) => `{${Array.from({ length: count }, (_, i) => `"k${i}":{"a":[1,2]}`).join(',')}}`;

describe('oversizedContainer', () => {
  it('names an object with too many fields by its path', () => {
    expect(oversizedContainer(keys(MAX_OBJECT_FIELDS + 1))).toEqual({
      field: 'body',
      message: `must not have more than ${MAX_OBJECT_FIELDS} fields`,
    });
    expect(oversizedContainer(`{"a":1,"b,\\"":[{"x":"]"},${keys(MAX_OBJECT_FIELDS + 1)}]}`)).toEqual({
      field: 'b,"[1]',
      message: `must not have more than ${MAX_OBJECT_FIELDS} fields`,
    });
  });

  it('names a list with too many items', () => {
    expect(oversizedContainer(`{"applicant":{"list":[${'0,'.repeat(MAX_ARRAY_ITEMS)}0]}}`)).toEqual({
      field: 'applicant.list',
      message: `must not have more than ${MAX_ARRAY_ITEMS} items`,
    });
  });

  it('counts no comma inside strings, and leaves bounded or malformed text alone', () => {
    expect(oversizedContainer(`{"a":"${','.repeat(MAX_OBJECT_FIELDS * 2)}"}`)).toBeUndefined();
    expect(oversizedContainer(keys(MAX_OBJECT_FIELDS))).toBeUndefined();
    expect(oversizedContainer('{"a":[1,2,')).toBeUndefined();
  });
});
