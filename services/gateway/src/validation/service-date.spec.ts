import { latestServiceDate } from './service-date.js';

describe('latest service date', () => {
  it('is tomorrow in UTC, whatever the hour', () => {
    expect(latestServiceDate(new Date('2026-12-01T00:00:00Z'))).toBe('2026-12-02');
    expect(latestServiceDate(new Date('2026-12-31T23:59:59Z'))).toBe('2027-01-01');
  });
});
