import { OutageLog } from './outage-log.js';

describe('OutageLog', () => {
  it('writes one line when an outage starts and one when it ends, however many attempts fail', () => {
    const lines: string[] = [];
    let now = 1_000;
    const log = new OutageLog(
      { warn: (line) => lines.push(line), error: (line) => lines.push(line) },
      'the database',
      () => now,
    );

    log.succeeded();
    for (let attempt = 0; attempt < 25; attempt++) {
      log.failed(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
      now += 1_000;
    }
    expect(log.ongoing).toBe(true);
    log.succeeded();
    log.succeeded();

    expect(lines).toEqual([
      'the database is unavailable (connect ECONNREFUSED 127.0.0.1:5432); retrying until it answers',
      'the database answers again after 25.0 s and 25 failed attempt(s)',
    ]);
    expect(log.ongoing).toBe(false);
  });
});
