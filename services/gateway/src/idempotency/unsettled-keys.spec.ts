import { sleep, waitFor } from '#libs/testing';
import { UnsettledKeys, type Settlement } from './unsettled-keys.js';

const release = (key: string, holder = `h-${key}`): Settlement => ({
  scope: 'clinic:P-1:u1',
  key,
  holder,
  outcome: { kind: 'release' },
});
const complete = (key: string, body: unknown): Settlement => ({
  scope: 'clinic:P-1:u1',
  key,
  holder: `h-${key}`,
  outcome: { kind: 'complete', status: 202, body },
});

/** A database that is down until `up` is set, recording what it was given. */
function aDatabase() {
  const written: Settlement[] = [];
  const database = {
    up: false,
    written,
    apply: (settlement: Settlement) => {
      if (!database.up)
        return Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
      written.push(settlement);
      return Promise.resolve();
    },
  };
  return database;
}

describe('Idempotency-Keys left unsettled by a database outage', () => {
  it('keeps a settlement while the database is down, and writes it before the same key runs again', async () => {
    const database = aDatabase();
    const unsettled = new UnsettledKeys({ apply: database.apply, retryEveryMs: 60_000, maxPending: 10 });
    unsettled.add(complete('k1', { id: 'claim-1' }));
    unsettled.add(release('k2'));

    await expect(unsettled.settle('clinic:P-1:u1', 'k1')).rejects.toThrow('ECONNREFUSED');
    expect(unsettled.size).toBe(2);

    database.up = true;
    await unsettled.settle('clinic:P-1:u1', 'k1');
    expect(database.written).toEqual([complete('k1', { id: 'claim-1' })]);
    expect(unsettled.size).toBe(1);
    unsettled.stop();
  });

  it('settles nothing for a key it does not hold, nor another caller’s key of the same name', async () => {
    const database = aDatabase();
    database.up = true;
    const unsettled = new UnsettledKeys({ apply: database.apply, retryEveryMs: 60_000, maxPending: 10 });
    unsettled.add(release('k1'));
    await unsettled.settle('clinic:P-2:u2', 'k1');
    await unsettled.settle('clinic:P-1:u1', 'k9');
    expect(database.written).toEqual([]);
    unsettled.stop();
  });

  it('writes everything pending on its own once the database is back', async () => {
    const database = aDatabase();
    const unsettled = new UnsettledKeys({ apply: database.apply, retryEveryMs: 10, maxPending: 10 });
    unsettled.add(release('k1'));
    unsettled.add(release('k1', 'another attempt'));
    unsettled.add(complete('k2', { id: 'claim-2' }));

    await sleep(50);
    expect(database.written).toEqual([]);
    database.up = true;
    await waitFor(() => unsettled.size === 0, { timeoutMs: 2000, what: 'the retries to settle everything' });
    expect(database.written.map(({ key, holder }) => [key, holder])).toEqual([
      ['k1', 'h-k1'],
      ['k1', 'another attempt'],
      ['k2', 'h-k2'],
    ]);
    unsettled.stop();
  });

  it('forgets the oldest beyond its limit, saying which, so an endless outage cannot exhaust memory', () => {
    const givenUp: string[] = [];
    const unsettled = new UnsettledKeys({
      apply: aDatabase().apply,
      retryEveryMs: 60_000,
      maxPending: 2,
      onGivenUp: ({ key }) => givenUp.push(key),
    });
    unsettled.add(release('k1'));
    unsettled.add(release('k2'));
    unsettled.add(release('k3'));
    expect(unsettled.size).toBe(2);
    expect(givenUp).toEqual(['k1']);
    unsettled.stop();
  });
});
