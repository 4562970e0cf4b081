import { DEFAULT_CONSUMER_SETTINGS, resolveConsumerSettings } from './consumer-settings.js';
import { headerSafe } from './dead-letter.js';

describe('consumer settings', () => {
  it('lets a handler override the module defaults, which override the library defaults', () => {
    const settings = resolveConsumerSettings(
      { maxDeliver: 8, batchSize: 20, backoff: { initialMs: 200 } },
      { batchSize: 1, backoff: { maxMs: 1000 } },
    );
    expect(settings).toEqual({
      ...DEFAULT_CONSUMER_SETTINGS,
      maxDeliver: 8,
      batchSize: 1,
      backoff: { initialMs: 200, factor: 2, maxMs: 1000 },
    });
  });

  it('ignores options given as undefined', () => {
    expect(resolveConsumerSettings({ ackWaitMs: undefined })).toEqual(DEFAULT_CONSUMER_SETTINGS);
  });

  it('refuses settings that would never deliver or never batch', () => {
    expect(() => resolveConsumerSettings({ maxDeliver: 0 })).toThrow(/maxDeliver/);
    expect(() => resolveConsumerSettings({ batchSize: 0 })).toThrow(/batchSize/);
  });
});

describe('dead-letter error header', () => {
  it('keeps an error on one line, cut to a bounded length', () => {
    expect(headerSafe('first line\r\n  at stack\nframe')).toBe('first line at stack frame');
    expect(headerSafe('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
