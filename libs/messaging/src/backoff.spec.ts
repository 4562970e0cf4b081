import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';

describe('redelivery backoff', () => {
  it('doubles from one second after each failed delivery by default', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n))).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('never waits longer than the cap', () => {
    expect(backoffDelay(30)).toBe(DEFAULT_BACKOFF.maxMs);
    expect(backoffDelay(4, { initialMs: 100, factor: 3, maxMs: 1000 })).toBe(1000);
  });

  it('treats a missing or zero delivery count as the first delivery', () => {
    expect(backoffDelay(0)).toBe(1000);
    expect(backoffDelay(-2, { initialMs: 50, factor: 2, maxMs: 500 })).toBe(50);
  });
});
