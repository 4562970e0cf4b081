import { ConfigError, readServiceConfig } from './index.js';

describe('readServiceConfig', () => {
  it('has working local defaults', () => {
    expect(readServiceConfig('claims', {})).toEqual({
      service: 'claims',
      port: 8081,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/hc_claims',
      natsUrl: 'nats://127.0.0.1:4222',
      busNamespace: '',
    });
  });

  it('takes an ops token when one is given', () => {
    expect(readServiceConfig('claims', { OPS_TOKEN: 'x'.repeat(24) }).opsToken).toBe('x'.repeat(24));
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x/y' }],
    ['NATS_URL', { NATS_URL: 'not a url' }],
    ['BUS_NAMESPACE', { BUS_NAMESPACE: 'A.B' }],
    ['OPS_TOKEN', { OPS_TOKEN: 'short' }],
    ['OPS_TOKEN', { OPS_TOKEN: 'has a space in the middle of it' }],
  ])('names %s when its value is bad', (variable, env) => {
    expect(() => readServiceConfig('claims', env)).toThrow(ConfigError);
    expect(() => readServiceConfig('claims', env)).toThrow(variable);
  });
});
