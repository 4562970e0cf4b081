import { readFraudConfig } from './fraud-config.js';

describe('fraud configuration', () => {
  it('holds at 60 by default and takes FRAUD_HOLD_THRESHOLD when given', () => {
    expect(readFraudConfig({}).holdThreshold).toBe(60);
    expect(readFraudConfig({ FRAUD_HOLD_THRESHOLD: '80' }).holdThreshold).toBe(80);
  });

  it('refuses a threshold that is not a whole number from 1 to 100, naming the variable', () => {
    expect(() => readFraudConfig({ FRAUD_HOLD_THRESHOLD: 'high' })).toThrow(/FRAUD_HOLD_THRESHOLD/);
    expect(() => readFraudConfig({ FRAUD_HOLD_THRESHOLD: '0' })).toThrow(/FRAUD_HOLD_THRESHOLD/);
    expect(() => readFraudConfig({ FRAUD_HOLD_THRESHOLD: '101' })).toThrow(/FRAUD_HOLD_THRESHOLD/);
  });

  it('refuses to start in production without PHI master keys, naming the variable', () => {
    expect(() => readFraudConfig({ NODE_ENV: 'production' })).toThrow(/PHI_MASTER_KEYS is required in production/);
    expect(() => readFraudConfig({ PHI_REENCRYPT_INTERVAL_SECONDS: 'often' })).toThrow(
      /PHI_REENCRYPT_INTERVAL_SECONDS/,
    );
  });
});
