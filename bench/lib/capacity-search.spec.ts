import { searchCapacity } from './capacity-search.js';

const limits = { firstRate: 10, maxRate: 2_000, maxRuns: 10 };

/** A platform that sustains every rate up to `capacity`, recording the rates it was tried at. */
function aPlatformSustaining(capacity: number) {
  const tried: number[] = [];
  return { tried, sustains: async (rate: number) => (tried.push(rate), rate <= capacity) };
}

describe('capacity search', () => {
  it('doubles until a rate fails, then narrows the gap to within 10 %', async () => {
    const platform = aPlatformSustaining(57);
    const capacity = await searchCapacity(limits, platform.sustains);
    expect(platform.tried.slice(0, 4)).toEqual([10, 20, 40, 80]);
    expect(capacity).toBeLessThanOrEqual(57);
    expect(capacity).toBeGreaterThanOrEqual(57 / 1.1);
  });

  it('narrows below the first rate when even that fails', async () => {
    const platform = aPlatformSustaining(4);
    expect(await searchCapacity(limits, platform.sustains)).toBe(4);
  });

  it('answers 0 when nothing is sustained, and never spends more runs than allowed', async () => {
    const platform = aPlatformSustaining(0);
    expect(await searchCapacity({ ...limits, maxRuns: 3 }, platform.sustains)).toBe(0);
    expect(platform.tried.length).toBeLessThanOrEqual(3);
  });

  it('stops at the highest rate allowed when every rate is sustained', async () => {
    const platform = aPlatformSustaining(Number.POSITIVE_INFINITY);
    expect(await searchCapacity({ firstRate: 100, maxRate: 300, maxRuns: 10 }, platform.sustains)).toBe(300);
    expect(platform.tried).toEqual([100, 200, 300]);
  });
});
