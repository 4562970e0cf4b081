import { AsyncLocalStorage } from 'node:async_hooks';
import { Writable } from 'node:stream';
import { context, ROOT_CONTEXT, trace, TraceFlags, type Context, type ContextManager } from '@opentelemetry/api';
import { ConfigError } from '#libs/config';
import { createLogger } from './create-logger.js';
import { readLogLevel } from './log-level.js';

/** The SDK's AsyncLocalStorage context manager in miniature, so a span can be active in a unit test. */
class TestContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();
  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.storage.run(ctx, () => fn.apply(thisArg, args));
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.storage.disable();
    return this;
  }
}

function capturingLogger(level: 'info' | 'debug' = 'info') {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('claims', { level, destination }), lines };
}

describe('service logger', () => {
  beforeAll(() => context.setGlobalContextManager(new TestContextManager()));
  afterAll(() => context.disable());

  it('writes one JSON object per line with service, level word, ISO time and message', () => {
    const { logger, lines } = capturingLogger();
    logger.info({ claimId: 'C-1' }, 'claim stored');
    expect(lines).toEqual([
      expect.objectContaining({ service: 'claims', level: 'info', claimId: 'C-1', msg: 'claim stored' }),
    ]);
    expect(new Date(String(lines[0].time)).toISOString()).toBe(lines[0].time);
  });

  it('carries the trace and span id of the active span', () => {
    const { logger, lines } = capturingLogger();
    const spanContext = {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
    };
    context.with(trace.setSpanContext(context.active(), spanContext), () => logger.info('inside a request'));
    logger.info('outside any trace');
    expect(lines[0]).toMatchObject({ trace_id: spanContext.traceId, span_id: spanContext.spanId });
    expect(lines[1]).not.toHaveProperty('trace_id');
  });

  it('censors personal data in logged objects and in child bindings', () => {
    const { logger, lines } = capturingLogger();
    const child = logger.child({ member: { memberId: 'M-1', name: 'Jane Roe' } });
    child.warn({ birthDate: '1980-02-03' }, 'odd claim');
    child.child({ address: '1 Main St' }).info('grandchild');
    expect(lines[0]).toMatchObject({ member: { memberId: 'M-1', name: '[redacted]' }, birthDate: '[redacted]' });
    expect(lines[1]).toMatchObject({ member: { name: '[redacted]' }, address: '[redacted]', msg: 'grandchild' });
    expect(JSON.stringify(lines)).not.toMatch(/Jane Roe|1980-02-03|Main St/);
  });

  it('keeps the message and stack of a logged error', () => {
    const { logger, lines } = capturingLogger();
    logger.error({ err: new Error('relay failed') }, 'outbox');
    expect(lines[0]).toMatchObject({ level: 'error', err: { message: 'relay failed', type: 'Error' } });
    expect(String((lines[0].err as { stack: string }).stack)).toContain('relay failed');
  });

  it('drops lines below its level', () => {
    const { logger, lines } = capturingLogger('info');
    logger.debug('noise');
    expect(lines).toHaveLength(0);
  });
});

describe('LOG_LEVEL', () => {
  it('defaults to info and accepts pino levels', () => {
    expect(readLogLevel({})).toBe('info');
    expect(readLogLevel({ LOG_LEVEL: 'debug' })).toBe('debug');
  });

  it('rejects an unknown level with a message naming the variable', () => {
    expect(() => readLogLevel({ LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    expect(() => readLogLevel({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});
