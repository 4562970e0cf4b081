/** Bounds of a capacity search: where it starts, how high it may go, how many runs it may spend. */
export interface SearchLimits {
  firstRate: number;
  maxRate: number;
  maxRuns: number;
}

/**
 * The highest rate (whole claims per second) that `sustains` accepts: doubling from `firstRate` until a
 * rate fails, then halving the gap between the best passing and the lowest failing rate until it is
 * within 10 % (or 1/s), all within `maxRuns` runs. 0 when no rate tried was sustained.
 */
export async function searchCapacity(limits: SearchLimits, sustains: (rate: number) => Promise<boolean>) {
  let runs = 0;
  let good = 0;
  let bad = Number.POSITIVE_INFINITY;
  const attempt = async (rate: number) => {
    runs += 1;
    if (await sustains(rate)) good = rate;
    else bad = rate;
  };
  for (let rate = limits.firstRate; runs < limits.maxRuns; rate = Math.min(limits.maxRate, rate * 2)) {
    await attempt(rate);
    if (bad !== Number.POSITIVE_INFINITY || rate >= limits.maxRate) break;
  }
  while (bad - good > Math.max(1, good * 0.1) && runs < limits.maxRuns) {
    const middle = Math.round((good + bad) / 2);
    if (middle === good || middle === bad) break;
    await attempt(middle);
  }
  return good;
}
