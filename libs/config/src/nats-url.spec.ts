import { ConfigError } from './env.js';
import { natsServers, readNatsUrl } from './nats-url.js';

describe('NATS_URL', () => {
  it('defaults to the local server', () => {
    expect(readNatsUrl({})).toBe('nats://127.0.0.1:4222');
    expect(readNatsUrl({ NATS_URL: '' })).toBe('nats://127.0.0.1:4222');
  });

  it("takes a cluster's servers separated by commas, spaces trimmed", () => {
    const value = readNatsUrl({ NATS_URL: 'nats://a:4222, nats://b:4222 ,tls://c:4222' });
    expect(value).toBe('nats://a:4222,nats://b:4222,tls://c:4222');
    expect(natsServers(value)).toEqual(['nats://a:4222', 'nats://b:4222', 'tls://c:4222']);
  });

  it.each([
    ['nats://a:4222,not a url', 'must be a URL or a comma-separated list of URLs, got "not a url"'],
    ['nats://a:4222,http://b:4222', 'must use nats: or tls:, got "http:" in "http://b:4222"'],
    [',', 'is required but not set'],
  ])('refuses %s, naming the variable', (value, detail) => {
    expect(() => readNatsUrl({ NATS_URL: value })).toThrow(new ConfigError('NATS_URL', detail));
  });
});
