import { decodeFlagCursor, encodeFlagCursor } from './flag-cursor.js';

describe('the flag queue cursor', () => {
  it('gives back the position it encoded', () => {
    const cursor = { createdAt: new Date('2026-03-02T10:00:00.123Z'), id: '7f3c0000-0000-4000-8000-000000000001' };
    expect(decodeFlagCursor(encodeFlagCursor(cursor))).toEqual(cursor);
  });

  it('refuses text it did not issue', () => {
    expect(decodeFlagCursor('not-a-cursor')).toBeNull();
    expect(decodeFlagCursor(Buffer.from('["2026-03-02T10:00:00Z","x"]').toString('base64url'))).toBeNull();
  });
});
