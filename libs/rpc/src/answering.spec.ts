import { answering, ok } from './rpc-replies.js';
import { dependencyOutageOf } from './dependency-outage.js';

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

function recordingLogger() {
  const lines: { level: 'warn' | 'error'; message: string }[] = [];
  return {
    lines,
    warn: (message: string) => lines.push({ level: 'warn', message }),
    error: (message: string) => lines.push({ level: 'error', message }),
  };
}

describe('answering a request', () => {
  it('passes the handler’s own reply through', async () => {
    const logger = recordingLogger();
    expect(await answering(logger, 'get claim', () => Promise.resolve(ok(7)))).toEqual({ ok: true, value: 7 });
    expect(logger.lines).toEqual([]);
  });

  it.each([
    ['the database refusing connections', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['the database shutting down', pgError('57P01', 'terminating connection due to administrator command')],
    ['a serialization conflict', pgError('40001', 'could not serialize access')],
    ['the chain node timing out', pgError('TIMEOUT', 'request timeout')],
  ])('answers UNAVAILABLE for %s, and logs the cause once as a warning', async (_, error) => {
    const logger = recordingLogger();
    const reply = await answering(logger, 'submit claim', () => Promise.reject(error));
    expect(reply).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', detail: 'could not submit claim now; try again shortly' },
    });
    expect(logger.lines).toEqual([{ level: 'warn', message: expect.stringContaining(error.message) }]);
  });

  it('answers INTERNAL for a bug, logs its stack, and tells the caller nothing of it', async () => {
    const logger = recordingLogger();
    const bug = new TypeError("Cannot read properties of undefined (reading 'lines')");
    const reply = await answering(logger, 'submit claim', () => Promise.reject(bug));
    expect(reply).toEqual({
      ok: false,
      error: { code: 'INTERNAL', detail: 'could not submit claim: an unexpected error occurred; it has been logged' },
    });
    expect(JSON.stringify(reply)).not.toContain('lines');
    expect(logger.lines).toEqual([{ level: 'error', message: expect.stringContaining(bug.stack!) }]);
  });

  it('reads a constraint violation as the work failing, not an outage', () => {
    expect(dependencyOutageOf(pgError('23505', 'duplicate key value'))).toBeNull();
    expect(dependencyOutageOf(pgError('CALL_EXCEPTION', 'execution reverted'))).toBeNull();
    expect(dependencyOutageOf(undefined)).toBeNull();
  });
});
