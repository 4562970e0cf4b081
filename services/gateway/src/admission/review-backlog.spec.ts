import { ReviewBacklog } from './review-backlog.js';

/** A claims service whose answers the test releases one at a time, on a clock the test moves. */
function aBacklogOf(counts: (number | Error)[], refreshMs = 250) {
  let now = 0;
  const asked: ((value: number | Error) => void)[] = [];
  const backlog = new ReviewBacklog({
    refreshMs,
    now: () => now,
    count: () =>
      new Promise<number>((resolve, reject) =>
        asked.push((value) => (value instanceof Error ? reject(value) : resolve(value))),
      ),
  });
  const answer = async () => {
    const next = counts.shift();
    if (next === undefined) throw new Error('no more counts');
    asked.shift()!(next);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { backlog, answer, asked, later: (ms: number) => (now += ms) };
}

describe('the review backlog as a gateway replica estimates it', () => {
  it('waits for the first count, then answers from it without asking again within the interval', async () => {
    const { backlog, answer, asked } = aBacklogOf([40]);
    const first = backlog.estimate();
    await answer();
    expect(await first).toBe(40);
    expect(await backlog.estimate()).toBe(40);
    expect(asked).toHaveLength(0);
  });

  it('adds the claims it admitted since the count was asked for, so a burst cannot overshoot', async () => {
    const { backlog, answer } = aBacklogOf([40]);
    const first = backlog.estimate();
    await answer();
    await first;
    backlog.admitted();
    backlog.admitted();
    expect(await backlog.estimate()).toBe(42);
  });

  it('renews a count older than the interval in the background, answering from it meanwhile, one question at a time', async () => {
    const { backlog, answer, asked, later } = aBacklogOf([40, 10]);
    const first = backlog.estimate();
    await answer();
    await first;
    backlog.admitted();
    later(300);
    expect(await backlog.estimate()).toBe(41);
    expect(await backlog.estimate()).toBe(41);
    expect(asked).toHaveLength(1);
    backlog.admitted();
    await answer();
    // The new count includes the claim admitted before it was asked for, not the one admitted after.
    expect(await backlog.estimate()).toBe(11);
  });

  it('waits for a new count after a quiet spell, rather than refuse on one from before the backlog drained', async () => {
    const { backlog, answer, later } = aBacklogOf([400, 0]);
    const first = backlog.estimate();
    await answer();
    expect(await first).toBe(400);
    later(10_000);
    const afterQuiet = backlog.estimate();
    await answer();
    expect(await afterQuiet).toBe(0);
  });

  it('knows nothing (null) while the claims service cannot count, rather than refusing on a guess', async () => {
    const { backlog, answer } = aBacklogOf([new Error('no responders')]);
    const first = backlog.estimate();
    await answer();
    expect(await first).toBeNull();
  });

  it('keeps a count that failed to renew for a while, then stops trusting it', async () => {
    const { backlog, answer, later } = aBacklogOf([500, new Error('timeout'), new Error('timeout')]);
    const first = backlog.estimate();
    await answer();
    await first;
    later(300);
    expect(await backlog.estimate()).toBe(500);
    await answer();
    later(5_000);
    const stale = backlog.estimate();
    await answer();
    expect(await stale).toBeNull();
  });
});
