import { readUnderwritingConfig } from './underwriting.config.js';

describe('underwriting configuration: personal data keys', () => {
  it('seals with the development key by default, outside production', () => {
    expect(readUnderwritingConfig({}).phi).toMatchObject({ isDevelopmentDefault: true, reencryptIntervalSeconds: 60 });
  });

  it('refuses to start in production without PHI master keys, naming the variable', () => {
    expect(() => readUnderwritingConfig({ NODE_ENV: 'production' })).toThrow(
      /PHI_MASTER_KEYS is required in production/,
    );
    expect(() => readUnderwritingConfig({ PHI_MASTER_KEYS: 'k1:c2hvcnQ=' })).toThrow(/PHI_MASTER_KEYS key "k1"/);
  });
});
