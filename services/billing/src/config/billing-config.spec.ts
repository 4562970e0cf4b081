import { ConfigError } from '#libs/config';
import { readBillingConfig } from './billing-config.js';

describe('billing configuration', () => {
  it('settles in HCET with 18 decimals and keeps estimates 30 days by default', () => {
    expect(readBillingConfig({})).toMatchObject({ tokenSymbol: 'HCET', tokenDecimals: 18, estimateValidityDays: 30 });
  });

  it('takes another token from the environment', () => {
    const config = readBillingConfig({ BILLING_TOKEN_SYMBOL: 'USDC', BILLING_TOKEN_DECIMALS: '6' });
    expect(config).toMatchObject({ tokenSymbol: 'USDC', tokenDecimals: 6 });
  });

  it('names the variable of a bad value', () => {
    expect(() => readBillingConfig({ BILLING_TOKEN_DECIMALS: '2' })).toThrow(/BILLING_TOKEN_DECIMALS/);
    expect(() => readBillingConfig({ BILLING_TOKEN_DECIMALS: '1.5' })).toThrow(ConfigError);
    expect(() => readBillingConfig({ BILLING_TOKEN_SYMBOL: 'NOT A SYMBOL' })).toThrow(/BILLING_TOKEN_SYMBOL/);
    expect(() => readBillingConfig({ BILLING_ESTIMATE_VALIDITY_DAYS: '0' })).toThrow(/BILLING_ESTIMATE_VALIDITY_DAYS/);
  });
});
