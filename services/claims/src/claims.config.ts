import { ConfigError, readInt, readServiceConfig, type ServiceConfig } from '#libs/config';
import { readPhiConfig, type PhiConfig } from '#libs/phi';
import type { DeadlinePolicy } from './saga/deadline-policy.js';

export interface ClaimsConfig extends ServiceConfig {
  /** How long each check may take before it is asked again, doubling per attempt up to the cap. */
  deadlines: DeadlinePolicy;
  /** How often the deadline scanner looks for overdue checks. */
  deadlineScanIntervalMs: number;
  /** How many overdue claims one scan handles per transaction. */
  deadlineScanBatch: number;
  /** The master keys that wrap the keys sealing diagnosis codes. */
  phi: PhiConfig;
}

/** Validated at start: a bad value (a `PHI_*` variable too) stops the service with a message naming the variable. */
export function readClaimsConfig(env: NodeJS.ProcessEnv = process.env): ClaimsConfig {
  const baseMs = readInt(env, 'CLAIMS_CHECK_DEADLINE_MS', 30_000, 10, 86_400_000);
  const maxMs = readInt(env, 'CLAIMS_CHECK_DEADLINE_MAX_MS', Math.max(300_000, baseMs), 10, 86_400_000);
  if (maxMs < baseMs) {
    throw new ConfigError('CLAIMS_CHECK_DEADLINE_MAX_MS', `must be at least CLAIMS_CHECK_DEADLINE_MS (${baseMs})`);
  }
  return {
    ...readServiceConfig('claims', env),
    deadlines: { baseMs, maxMs },
    deadlineScanIntervalMs: readInt(env, 'CLAIMS_DEADLINE_SCAN_MS', 1_000, 10, 3_600_000),
    deadlineScanBatch: readInt(env, 'CLAIMS_DEADLINE_SCAN_BATCH', 100, 1, 10_000),
    phi: readPhiConfig(env),
  };
}

/** Injection token of the validated ClaimsConfig. */
export const CLAIMS_CONFIG = Symbol('CLAIMS_CONFIG');
