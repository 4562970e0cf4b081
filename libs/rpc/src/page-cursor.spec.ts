import { decodePageCursor, decodeRankedPageCursor, encodePageCursor, encodeRankedPageCursor } from './page-cursor.js';

describe('list cursor', () => {
  const id = '0b6c1f1e-0000-4000-8000-000000000001';

  it('round-trips the position of the last item on a page, to the microsecond', () => {
    const cursor = { at: '2026-11-23T10:00:00.123456Z', id };
    expect(decodePageCursor(encodePageCursor(cursor))).toEqual(cursor);
  });

  it('takes a Date for a column that holds milliseconds, and still reads the cursors it issued before', () => {
    const fromDate = encodePageCursor({ at: new Date('2026-11-23T10:00:00.123Z'), id });
    expect(decodePageCursor(fromDate)).toEqual({ at: '2026-11-23T10:00:00.123Z', id });
  });

  it('round-trips a caller-named id (plans, members) only where such ids are expected', () => {
    const cursor = { at: '2026-11-23T10:00:00.123456Z', id: 'M-1001' };
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
      // Not a calendar time, or more precision than PostgreSQL keeps.
      Buffer.from('["2026-02-31T00:00:00.000Z","0b6c1f1e-0000-4000-8000-000000000001"]').toString('base64url'),
      Buffer.from('["2026-02-03T00:00:00.1234567Z","0b6c1f1e-0000-4000-8000-000000000001"]').toString('base64url'),
    ]) {
      expect(decodePageCursor(text)).toBeNull();
    }
  });
});

describe('ranked list cursor', () => {
  const id = '0b6c1f1e-0000-4000-8000-000000000001';
  const encoded = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('round-trips the order, rank, exact time and id of the last item on a page', () => {
    const cursor = { order: 'score', rank: 80, at: '2026-11-23T10:00:00.123456Z', id };
    expect(decodeRankedPageCursor(encodeRankedPageCursor(cursor))).toEqual(cursor);
  });

  it('tells a time cursor and a ranked cursor apart', () => {
    const timeCursor = encodePageCursor({ at: new Date('2026-11-23T10:00:00.123Z'), id });
    const rankedCursor = encodeRankedPageCursor({ order: 'score', rank: 80, at: '2026-11-23T10:00:00Z', id });
    expect(decodeRankedPageCursor(timeCursor)).toBeNull();
    expect(decodePageCursor(rankedCursor)).toBeNull();
  });

  it('rejects text it did not issue', () => {
    const good = { order: 'score', rank: 80, at: '2026-11-23T10:00:00.123456Z', id };
    for (const text of [
      '',
      'not-a-cursor',
      encoded([]),
      encoded(null),
      encoded({ ...good, order: 'Score; drop' }),
      encoded({ ...good, rank: '80' }),
      encoded({ ...good, rank: 1.5 }),
      encoded({ ...good, id: 'x' }),
      encoded({ ...good, at: '2026-11-23 10:00:00' }),
      encoded({ ...good, at: '2026-11-23T10:00:00.1234567Z' }),
      // A date that is not in the calendar, and one before year 1: PostgreSQL would refuse both.
      encoded({ ...good, at: '2026-02-31T10:00:00Z' }),
      encoded({ ...good, at: '0000-01-01T00:00:00Z' }),
    ]) {
      expect(decodeRankedPageCursor(text)).toBeNull();
    }
  });
});
