import { DEFAULT_RESTART_POLICY, formatDelay, nextRestart, type Crash } from './restart-policy.js';

const SECOND = 1000;

/** Runs back to back: each lasted `upFor[i]` seconds, and was restarted `restartDelay` seconds after its crash. */
function crashesAfterRuns(upFor: number[], restartDelay = 1): Crash[] {
  const crashes: Crash[] = [];
  let now = 1_700_000_000_000;
  for (const seconds of upFor) {
    const startedAt = now;
    now += seconds * SECOND;
    crashes.push({ startedAt, exitedAt: now });
    now += restartDelay * SECOND;
  }
  return crashes;
}

describe('the restart policy', () => {
  it('restarts after 1 s the first time', () => {
    expect(nextRestart(crashesAfterRuns([10]))).toMatchObject({ delayMs: 1000, streak: 1, crashLooping: false });
  });

  it('doubles the delay with every crash that follows a short run, up to 30 s', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map(
      (count) => nextRestart(crashesAfterRuns(Array<number>(count).fill(30), 30)).delayMs,
    );
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('starts again from 1 s once the process had stayed up a minute', () => {
    // Restarts 30 s apart, so that these crashes are not also a crash loop.
    expect(nextRestart(crashesAfterRuns([5, 5, 5, 60], 30))).toMatchObject({ delayMs: 1000, streak: 1 });
    expect(nextRestart(crashesAfterRuns([5, 5, 5, 60, 5], 30))).toMatchObject({ delayMs: 2000, streak: 2 });
  });

  it('calls five crashes within two minutes a crash loop, and keeps restarting at the cap', () => {
    const fourQuick = nextRestart(crashesAfterRuns([1, 1, 1, 1]));
    expect(fourQuick).toMatchObject({ crashLooping: false, recentCrashes: 4, delayMs: 8000 });
    const fiveQuick = nextRestart(crashesAfterRuns([1, 1, 1, 1, 1]));
    expect(fiveQuick).toMatchObject({ crashLooping: true, recentCrashes: 5, delayMs: 30000 });
  });

  it('does not count crashes older than the window toward a loop', () => {
    // Five crashes, but a 50 s run and 30 s restarts spread them over more than two minutes.
    const spread = nextRestart(crashesAfterRuns([1, 50, 1, 1, 1], 30));
    expect(spread.crashLooping).toBe(false);
    expect(spread.recentCrashes).toBeLessThan(DEFAULT_RESTART_POLICY.crashLoopCrashes);
  });

  it('follows a policy of its own', () => {
    const policy = {
      initialDelayMs: 100,
      maxDelayMs: 250,
      stableAfterMs: 5000,
      crashLoopCrashes: 3,
      crashLoopWindowMs: 60_000,
    };
    expect(nextRestart(crashesAfterRuns([1, 1]), policy)).toMatchObject({ delayMs: 200, crashLooping: false });
    expect(nextRestart(crashesAfterRuns([1, 1, 1]), policy)).toMatchObject({ delayMs: 250, crashLooping: true });
  });

  it('refuses an empty history', () => {
    expect(() => nextRestart([])).toThrow('at least one crash');
  });

  it('writes delays the way the log shows them', () => {
    expect([200, 1000, 2500, 30000, 120000].map(formatDelay)).toEqual(['200 ms', '1 s', '2.5 s', '30 s', '2 min']);
  });
});
