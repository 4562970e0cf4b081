import { readClaimsConfig } from './claims.config.js';

describe('claims configuration: personal data keys', () => {
  it('seals with the development key by default, outside production', () => {
    expect(readClaimsConfig({}).phi).toMatchObject({ isDevelopmentDefault: true, reencryptIntervalSeconds: 60 });
  });

  it('refuses to start in production without PHI master keys, naming the variable', () => {
    expect(() => readClaimsConfig({ NODE_ENV: 'production' })).toThrow(/PHI_MASTER_KEYS is required in production/);
    expect(() => readClaimsConfig({ PHI_ACTIVE_MASTER_KEY: 'k9', PHI_MASTER_KEYS: `k1:${'A'.repeat(43)}=` })).toThrow(
      /PHI_ACTIVE_MASTER_KEY/,
    );
  });
});
