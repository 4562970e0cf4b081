import { decodeCursor, encodeCursor } from './claim-cursor.js';
import { parseListFilters } from './list-query.js';

describe('list cursor', () => {
  it('round-trips the position of the last claim on a page', () => {
    const cursor = { submittedAt: new Date('2026-11-23T10:00:00.123Z'), id: '0b6c1f1e-0000-4000-8000-000000000001' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('rejects text it did not issue', () => {
    for (const text of [
      '',
      'abc',
      Buffer.from('["x","y"]').toString('base64url'),
      Buffer.from('{}').toString('base64url'),
    ]) {
      expect(decodeCursor(text)).toBeNull();
    }
  });
});

describe('list filters', () => {
  it('defaults the page size to 50 and caps it at 500', () => {
    expect(parseListFilters({})).toMatchObject({ ok: true, value: { limit: 50 } });
    expect(parseListFilters({ limit: 500 })).toMatchObject({ ok: true, value: { limit: 500 } });
    expect(parseListFilters({ limit: 501 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('rejects an unknown status and a forged cursor', () => {
    expect(parseListFilters({ status: 'lost' })).toMatchObject({ ok: false });
    expect(parseListFilters({ cursor: 'forged' })).toMatchObject({
      ok: false,
      error: { errors: [{ field: 'cursor' }] },
    });
  });
});
