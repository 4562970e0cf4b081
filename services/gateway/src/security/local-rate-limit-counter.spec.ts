import { LocalRateLimitCounter } from './local-rate-limit-counter.js';

describe('local rate-limit counter (the fallback while the shared counts are unavailable)', () => {
  it('counts each key in fixed windows and says how long the window has left', () => {
    let now = 60_000 * 10 + 15_000;
    const counter = new LocalRateLimitCounter(() => now);
    expect(counter.hit('ip:a', 60_000)).toEqual({ current: 1, ttl: 45_000 });
    expect(counter.hit('ip:a', 60_000)).toEqual({ current: 2, ttl: 45_000 });
    expect(counter.hit('ip:b', 60_000)).toEqual({ current: 1, ttl: 45_000 });
    now += 45_000;
    expect(counter.hit('ip:a', 60_000)).toEqual({ current: 1, ttl: 60_000 });
  });

  it('forgets ended windows', () => {
    let now = 0;
    const counter = new LocalRateLimitCounter(() => now);
    counter.hit('ip:a', 1000);
    counter.hit('ip:b', 5000);
    now = 1000;
    counter.purgeExpired();
    expect(counter.size).toBe(1);
  });
});
