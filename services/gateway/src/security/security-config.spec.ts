import { readSecurityConfig } from './security-config.js';

describe('security configuration', () => {
  it('has defaults an integrator can live with, and HSTS off for local http', () => {
    expect(readSecurityConfig({})).toEqual({
      hstsMaxAgeSeconds: 0,
      rateLimit: { perPrincipal: 1200, perIp: 3000, windowSeconds: 60 },
    });
  });

  it.each([
    ['HSTS_MAX_AGE_SECONDS', '-1'],
    ['RATE_LIMIT_PER_PRINCIPAL', 'many'],
    ['RATE_LIMIT_PER_IP', '1.5'],
    ['RATE_LIMIT_WINDOW_SECONDS', '0'],
  ])('names %s when its value is bad', (name, value) => {
    expect(() => readSecurityConfig({ [name]: value })).toThrow(name);
  });
});
