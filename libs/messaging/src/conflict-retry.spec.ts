import { conflictDelay, retryOnConflict } from './conflict-retry.js';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });
const fast = { retries: 3, baseDelayMs: 1 };

/** Work that fails with `errors` in turn, then succeeds; counts its calls. */
function failingWith(...errors: unknown[]) {
  const work = async () => {
    work.calls += 1;
    if (work.calls <= errors.length) throw errors[work.calls - 1];
    return 'committed';
  };
  work.calls = 0;
  return work;
}

describe('retryOnConflict', () => {
  it('tries a transaction that lost a race again until it commits', async () => {
    const work = failingWith(pgError('40P01'), pgError('40001'));
    const retried: unknown[] = [];
    await expect(retryOnConflict(work, fast, (error) => retried.push(error))).resolves.toBe('committed');
    expect(work.calls).toBe(3);
    expect(retried).toHaveLength(2);
  });

  it('gives a conflict up after its retries, as the work failing', async () => {
    const work = failingWith(...Array.from({ length: 10 }, () => pgError('40001')));
    await expect(retryOnConflict(work, fast)).rejects.toThrow('pg 40001');
    expect(work.calls).toBe(4);
  });

  it.each([
    ['the handler failing', new Error('bad data')],
    ['a unique violation', pgError('23505')],
    ['an unavailable database', pgError('ECONNREFUSED')],
  ])('does not retry %s', async (_, error) => {
    const work = failingWith(error);
    await expect(retryOnConflict(work, fast)).rejects.toBe(error);
    expect(work.calls).toBe(1);
  });
});

describe('conflictDelay', () => {
  it('doubles per retry within ±50 % jitter', () => {
    expect(conflictDelay(0, 20, () => 0)).toBe(10);
    expect(conflictDelay(0, 20, () => 0.999)).toBe(30);
    expect(conflictDelay(2, 20, () => 0.5)).toBe(80);
  });
});
