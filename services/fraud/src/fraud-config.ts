import { readInt, readServiceConfig, type ServiceConfig } from '#libs/config';
import { readPhiConfig, type PhiConfig } from '#libs/phi';
import { shippedProcedures, typicalMinutesByCode } from '#libs/reference-data';
import { DEFAULT_HOLD_THRESHOLD } from './rules/screen-claim.js';
import type { ScreeningSettings } from './screening/screen-submitted-claims.js';

export const FRAUD_SETTINGS = Symbol('FRAUD_SETTINGS');

export interface FraudConfig extends ServiceConfig {
  /** Score at or above which a flagged claim is held (`FRAUD_HOLD_THRESHOLD`, 1–100, default 60). */
  holdThreshold: number;
  /** The master keys that wrap the keys sealing dates of death, rule hits and analysts' notes. */
  phi: PhiConfig;
}

/** The service's configuration; a bad value throws `ConfigError` naming the variable. */
export function readFraudConfig(env: Record<string, string | undefined> = process.env): FraudConfig {
  return {
    ...readServiceConfig('fraud', env),
    // 0 would hold every clean claim too: a threshold must take at least one point to reach.
    holdThreshold: readInt(env, 'FRAUD_HOLD_THRESHOLD', DEFAULT_HOLD_THRESHOLD, 1, 100),
    phi: readPhiConfig(env),
  };
}

/** What screening needs at run time: the threshold and the procedure table's typical minutes. */
export function screeningSettings(config: FraudConfig): ScreeningSettings {
  return { holdThreshold: config.holdThreshold, typicalMinutes: typicalMinutesByCode(shippedProcedures()) };
}
