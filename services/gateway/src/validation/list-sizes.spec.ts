import { ArrayMaxSize, IsObject, IsString } from 'class-validator';
import { oversizedLists } from './list-sizes.js';

class Inner {
  @ArrayMaxSize(2)
  names: string[];
}

class Outer {
  @ArrayMaxSize(3)
  items: number[];

  @IsObject()
  inner: Inner;

  @IsString()
  label: string;
}

describe('oversizedLists', () => {
  it('names lists longer than their ArrayMaxSize, nested ones by their path', () => {
    expect(oversizedLists({ items: [1, 2, 3, 4], inner: { names: ['a', 'b', 'c'] }, label: 'x' }, Outer)).toEqual([
      { field: 'items', message: 'items must contain no more than 3 elements' },
      { field: 'inner.names', message: 'names must contain no more than 2 elements' },
    ]);
  });

  it('leaves everything else to validation', () => {
    expect(oversizedLists({ items: [1, 2, 3], inner: 'not an object', label: ['x'] }, Outer)).toEqual([]);
  });
});
