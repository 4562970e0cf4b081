import { parseListFilters } from './list-query.js';

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
