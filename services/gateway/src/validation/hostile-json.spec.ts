import { inspectJson, MAX_ARRAY_ITEMS, MAX_JSON_DEPTH, MAX_OBJECT_FIELDS } from './hostile-json.js';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}

describe('inspectJson', () => {
  it('takes ordinary bodies, with tabs, line breaks and any well-formed character', () => {
    expect(inspectJson({ note: 'a\tb\r\nc 😀 é ‎', lines: [{ code: '99213' }] })).toEqual({ kind: 'ok' });
  });

  it('takes nesting up to the bound and refuses one level more', () => {
    expect(inspectJson(nested(MAX_JSON_DEPTH))).toEqual({ kind: 'ok' });
    const verdict = inspectJson({ a: nested(MAX_JSON_DEPTH) });
    expect(verdict).toMatchObject({
      kind: 'invalid',
      error: { message: `must not nest deeper than ${MAX_JSON_DEPTH} levels` },
    });
    expect(verdict.kind === 'invalid' && verdict.error.field).toMatch(/^a(\[0\])+$/);
  });

  it('walks 100,000 levels without a stack overflow', () => {
    expect(inspectJson(nested(100_000))).toMatchObject({ kind: 'invalid' });
  });

  it('refuses an object with too many fields', () => {
    const wide = Object.fromEntries(Array.from({ length: MAX_OBJECT_FIELDS + 1 }, (_, index) => [`k${index}`, 0]));
    expect(inspectJson({ copays: wide })).toEqual({
      kind: 'invalid',
      error: { field: 'copays', message: `must not have more than ${MAX_OBJECT_FIELDS} fields` },
    });
  });

  it('reports prototype poisoning apart, as Fastify did', () => {
    expect(inspectJson(JSON.parse('{"a":{"__proto__":{"admin":true}}}'))).toEqual({ kind: 'poisoned' });
    expect(inspectJson(JSON.parse('{"constructor":{"prototype":{}}}'))).toEqual({ kind: 'poisoned' });
  });

  it('names the field holding a control character or a lone surrogate', () => {
    expect(inspectJson({ lines: [{ note: 'x\u0000' }] })).toEqual({
      kind: 'invalid',
      error: { field: 'lines[0].note', message: 'must not contain control characters' },
    });
    expect(inspectJson({ name: '\udc00' })).toMatchObject({ error: { field: 'name' } });
  });

  it('refuses a list longer than the longest list of the API before anything visits its items', () => {
    expect(inspectJson({ a: { list: new Array(MAX_ARRAY_ITEMS + 1).fill(0) } })).toEqual({
      kind: 'invalid',
      error: { field: 'a.list', message: `must not have more than ${MAX_ARRAY_ITEMS} items` },
    });
    expect(inspectJson({ list: new Array(MAX_ARRAY_ITEMS).fill(0) })).toEqual({ kind: 'ok' });
  });
});
