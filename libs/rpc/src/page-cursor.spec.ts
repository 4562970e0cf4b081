import { decodePageCursor, encodePageCursor } from './page-cursor.js';

describe('list cursor', () => {
  it('round-trips the position of the last item on a page', () => {
    const cursor = { at: new Date('2026-11-23T10:00:00.123Z'), id: '0b6c1f1e-0000-4000-8000-000000000001' };
    expect(decodePageCursor(encodePageCursor(cursor))).toEqual(cursor);
  });

  it('round-trips a caller-named id (plans, members) only where such ids are expected', () => {
    const cursor = { at: new Date('2026-11-23T10:00:00.123Z'), id: 'M-1001' };
    expect(decodePageCursor(encodePageCursor(cursor), 'entity')).toEqual(cursor);
    expect(decodePageCursor(encodePageCursor(cursor))).toBeNull();
    expect(decodePageCursor(encodePageCursor({ ...cursor, id: 'M 1001; --' }), 'entity')).toBeNull();
  });

  it('rejects text it did not issue', () => {
    for (const text of [
      '',
      'abc',
      'not-a-cursor',
      Buffer.from('["x","y"]').toString('base64url'),
      Buffer.from('["2026-03-02T10:00:00Z","x"]').toString('base64url'),
      Buffer.from('{}').toString('base64url'),
      // Well-formed, but at times no row has and PostgreSQL refuses.
      Buffer.from('["+275760-09-13T00:00:00.000Z","0b6c1f1e-0000-4000-8000-000000000001"]').toString('base64url'),
      Buffer.from('["-271821-04-20T00:00:00.000Z","0b6c1f1e-0000-4000-8000-000000000001"]').toString('base64url'),
      Buffer.from('["0000-01-01T00:00:00.000Z","0b6c1f1e-0000-4000-8000-000000000001"]').toString('base64url'),
    ]) {
      expect(decodePageCursor(text)).toBeNull();
    }
  });
});
