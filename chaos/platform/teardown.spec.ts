import { Teardown } from './teardown.js';

describe('the campaign teardown', () => {
  it('undoes the newest first, each step once, even when asked twice', async () => {
    const done: string[] = [];
    const teardown = new Teardown();
    for (const what of ['data', 'postgres', 'services']) {
      teardown.add(
        what,
        async () => {
          done.push(what);
        },
        () => done.push(`${what} now`),
      );
    }
    await Promise.all([teardown.run(), teardown.run()]);
    teardown.runNow();
    expect(done).toEqual(['services', 'postgres', 'data']);
    expect(teardown.empty).toBe(true);
  });

  it('forces a step that fails and goes on with the others', async () => {
    const done: string[] = [];
    const lines: string[] = [];
    const teardown = new Teardown();
    teardown.add(
      'postgres',
      async () => {
        done.push('postgres');
      },
      () => undefined,
    );
    teardown.add(
      'chain',
      () => Promise.reject(new Error('no answer')),
      () => done.push('chain killed'),
    );
    await teardown.run((line) => lines.push(line));
    expect(done).toEqual(['chain killed', 'postgres']);
    expect(lines).toEqual(['clean-up: chain failed (no answer); forcing it']);
  });

  it('leaves to the exit hook only what was not undone yet', () => {
    const done: string[] = [];
    const teardown = new Teardown();
    teardown.add(
      'nats',
      async () => undefined,
      () => done.push('nats now'),
    );
    teardown.runNow();
    teardown.runNow();
    expect(done).toEqual(['nats now']);
  });
});
