import { ConfigError, readServiceConfig } from './index.js';

describe('readServiceConfig', () => {
  it('has working local defaults', () => {
    expect(readServiceConfig('claims', {})).toEqual({
      service: 'claims',
      host: '0.0.0.0',
      port: 8081,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/hc_claims',
      natsUrl: 'nats://127.0.0.1:4222',
      busNamespace: '',
    });
  });

  it('takes an ops token when one is given', () => {
    expect(readServiceConfig('claims', { OPS_TOKEN: 'x'.repeat(24) }).opsToken).toBe('x'.repeat(24));
  });

  it('listens where HOST says', () => {
    expect(readServiceConfig('claims', { HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
    expect(readServiceConfig('claims', { HOST: '::1' }).host).toBe('::1');
    expect(readServiceConfig('claims', { HOST: 'claims.internal' }).host).toBe('claims.internal');
  });

  it.each([
    ['HOST', { HOST: '127.0.0.1 # local' }],
    ['HOST', { HOST: 'http://127.0.0.1' }],
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
