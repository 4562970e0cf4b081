import { ConfigError, readInt, readServiceConfig, readString, type ServiceConfig } from '#libs/config';

export interface BillingConfig extends ServiceConfig {
  /** The settlement token's symbol, e.g. HCET (DOMAIN.md, On chain). */
  tokenSymbol: string;
  /** The token's decimals: payouts are `minor * 10^(tokenDecimals - currency minor digits)`. */
  tokenDecimals: number;
  /** How many days after its creation an estimate (and its pre-authorisation) stays valid. */
  estimateValidityDays: number;
}

/** The most minor-unit digits an ISO 4217 currency has (BHD, KWD, ...): fewer token decimals cannot pay it. */
const MAX_CURRENCY_MINOR_DIGITS = 3;

/** Validated at start: a bad value stops the service with a message naming the variable. */
export function readBillingConfig(env: NodeJS.ProcessEnv = process.env): BillingConfig {
  const tokenSymbol = readString(env, 'BILLING_TOKEN_SYMBOL', 'HCET');
  if (!/^[A-Za-z0-9]{1,11}$/.test(tokenSymbol)) {
    throw new ConfigError('BILLING_TOKEN_SYMBOL', `must be 1 to 11 letters or digits, got "${tokenSymbol}"`);
  }
  return {
    ...readServiceConfig('billing', env),
    tokenSymbol,
    tokenDecimals: readInt(env, 'BILLING_TOKEN_DECIMALS', 18, MAX_CURRENCY_MINOR_DIGITS, 36),
    estimateValidityDays: readInt(env, 'BILLING_ESTIMATE_VALIDITY_DAYS', 30, 1, 365),
  };
}

/** Injection token of the validated BillingConfig. */
export const BILLING_CONFIG = Symbol('BILLING_CONFIG');
