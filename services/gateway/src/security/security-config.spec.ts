import { readSecurityConfig } from './security-config.js';

describe('security configuration', () => {
  it('has defaults an integrator can live with, and HSTS off for local http', () => {
    expect(readSecurityConfig({})).toEqual({
      hstsMaxAgeSeconds: 0,
      trustedProxies: [],
      rateLimit: { perPrincipal: 1200, perIp: 3000, windowSeconds: 60, storeTimeoutMs: 500 },
    });
  });

  it('takes trusted proxies as addresses and ranges, v4 and v6', () => {
    expect(readSecurityConfig({ TRUSTED_PROXIES: ' 10.0.0.0/8, 127.0.0.1 ,::1,fd00::/8' }).trustedProxies).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
      'fd00::/8',
    ]);
  });

  it.each([
    ['HSTS_MAX_AGE_SECONDS', '-1'],
    ['RATE_LIMIT_PER_PRINCIPAL', 'many'],
    ['RATE_LIMIT_PER_IP', '1.5'],
    ['RATE_LIMIT_WINDOW_SECONDS', '0'],
    ['RATE_LIMIT_STORE_TIMEOUT_MS', '0'],
    ['TRUSTED_PROXIES', '10.0.0.1,proxy.internal'],
    ['TRUSTED_PROXIES', '10.0.0.0/33'],
    ['TRUSTED_PROXIES', '*'],
  ])('names %s when its value is bad', (name, value) => {
    expect(() => readSecurityConfig({ [name]: value })).toThrow(name);
  });
});
