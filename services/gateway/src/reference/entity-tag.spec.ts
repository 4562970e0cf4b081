import { entityTagOf, matchesEntityTag } from './entity-tag.js';

describe('the entity tag of a reference answer', () => {
  const body = { items: [{ code: '99213', category: 'office_visit', description: 'Visit' }], nextCursor: null };

  it('is the same for the same body and changes with it', () => {
    expect(entityTagOf(body)).toBe(entityTagOf(structuredClone(body)));
    expect(entityTagOf({ ...body, nextCursor: 'x' })).not.toBe(entityTagOf(body));
    expect(entityTagOf(body)).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
  });

  it('matches If-None-Match weakly, in a list, or as *', () => {
    const tag = entityTagOf(body);
    expect(matchesEntityTag(tag, tag)).toBe(true);
    expect(matchesEntityTag(tag.replace('W/', ''), tag)).toBe(true);
    expect(matchesEntityTag(`W/"other", ${tag}`, tag)).toBe(true);
    expect(matchesEntityTag('*', tag)).toBe(true);
    expect(matchesEntityTag('W/"other"', tag)).toBe(false);
    expect(matchesEntityTag(undefined, tag)).toBe(false);
  });
});
