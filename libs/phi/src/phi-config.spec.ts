import { randomBytes } from 'node:crypto';
import { DEV_MASTER_KEY_ID, readPhiConfig } from './phi-config.js';

const key = () => randomBytes(32).toString('base64');

describe('reading the PHI master keys', () => {
  it('uses the public development key outside production, and says so', () => {
    const config = readPhiConfig({});
    expect(config.activeMasterKeyId).toBe(DEV_MASTER_KEY_ID);
    expect(config.isDevelopmentDefault).toBe(true);
  });

  it('requires keys in production, naming the variable', () => {
    expect(() => readPhiConfig({ NODE_ENV: 'production' })).toThrow(/PHI_MASTER_KEYS is required in production/);
  });

  it('takes the last listed key as active unless PHI_ACTIVE_MASTER_KEY names another', () => {
    const listed = `old:${key()},new:${key()}`;
    expect(readPhiConfig({ PHI_MASTER_KEYS: listed }).activeMasterKeyId).toBe('new');
    expect(readPhiConfig({ PHI_MASTER_KEYS: listed, PHI_ACTIVE_MASTER_KEY: 'old' }).activeMasterKeyId).toBe('old');
    expect([...readPhiConfig({ PHI_MASTER_KEYS: listed }).masterKeys.keys()]).toEqual(['old', 'new']);
  });

  it.each([
    [
      'a key that is not 32 bytes',
      { PHI_MASTER_KEYS: `k1:${randomBytes(16).toString('base64')}` },
      /PHI_MASTER_KEYS key "k1" must be 32 bytes/,
    ],
    ['an entry without an id', { PHI_MASTER_KEYS: key() }, /PHI_MASTER_KEYS entries must be id:base64/],
    ['the same id twice', { PHI_MASTER_KEYS: `a:${key()},a:${key()}` }, /PHI_MASTER_KEYS lists key "a" twice/],
    [
      'an active key not listed',
      { PHI_MASTER_KEYS: `a:${key()}`, PHI_ACTIVE_MASTER_KEY: 'b' },
      /PHI_ACTIVE_MASTER_KEY names "b"/,
    ],
    ['a bad interval', { PHI_REENCRYPT_INTERVAL_SECONDS: 'soon' }, /PHI_REENCRYPT_INTERVAL_SECONDS must be an integer/],
    [
      'the development key in production',
      {
        NODE_ENV: 'production',
        PHI_MASTER_KEYS: `d:${Buffer.from('healthclaims-dev-phi-master-key!').toString('base64')}`,
      },
      /public development key/,
    ],
  ])('refuses %s, naming the variable', (_case, env, message) => {
    expect(() => readPhiConfig(env)).toThrow(message);
  });
});
