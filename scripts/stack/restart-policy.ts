/**
 * When a crashed process is started again: a pure function of its crash history, so the supervisor's
 * timing can be tested without waiting for it.
 */

export interface RestartPolicy {
  /** Delay before the first restart of a streak; each further crash of the streak doubles it. */
  initialDelayMs: number;
  /** The doubling stops here. */
  maxDelayMs: number;
  /** A run at least this long ends a streak: the next crash starts again from `initialDelayMs`. */
  stableAfterMs: number;
  /** This many crashes within `crashLoopWindowMs` is a crash loop: restarts stay at `maxDelayMs`. */
  crashLoopCrashes: number;
  crashLoopWindowMs: number;
}

/** 1 s doubling to 30 s, back to 1 s once a run lasted a minute; 5 crashes within 2 minutes is a loop. */
export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 1000,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
  crashLoopCrashes: 5,
  crashLoopWindowMs: 120_000,
};

/** One run of the process that ended without being asked to (epoch milliseconds). */
export interface Crash {
  startedAt: number;
  exitedAt: number;
}

export interface RestartDecision {
  delayMs: number;
  /** Crashes of the current streak, the last one included (1 after a run that had been stable). */
  streak: number;
  /** Crashes within the crash-loop window ending at the last one. */
  recentCrashes: number;
  crashLooping: boolean;
}

/** How long to wait before restarting after the last crash of `history` (oldest first, not empty). */
export function nextRestart(
  history: readonly Crash[],
  policy: RestartPolicy = DEFAULT_RESTART_POLICY,
): RestartDecision {
  const last = history.at(-1);
  if (!last) throw new Error('nextRestart needs at least one crash');
  let streak = 0;
  for (const crash of [...history].reverse()) {
    streak++;
    // A run that stayed up long enough means the crash before it is not part of this streak.
    if (crash.exitedAt - crash.startedAt >= policy.stableAfterMs) break;
  }
  const recentCrashes = history.filter((crash) => crash.exitedAt > last.exitedAt - policy.crashLoopWindowMs).length;
  const crashLooping = recentCrashes >= policy.crashLoopCrashes;
  const backedOff = policy.initialDelayMs * 2 ** Math.min(streak - 1, 30);
  return {
    delayMs: crashLooping ? policy.maxDelayMs : Math.min(backedOff, policy.maxDelayMs),
    streak,
    recentCrashes,
    crashLooping,
  };
}

/** `2 min`, `1 s`, `2.5 s`, `200 ms`: for log lines. */
export function formatDelay(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
