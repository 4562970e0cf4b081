import { readServiceConfig, type ServiceConfig } from '#libs/config';
import { readPhiConfig, type PhiConfig } from '#libs/phi';

export interface UnderwritingConfig extends ServiceConfig {
  /** The master keys that wrap the keys sealing members' names, birth dates and dates of death. */
  phi: PhiConfig;
}

/** Validated at start: a bad value (a `PHI_*` variable too) stops the service with a message naming it. */
export function readUnderwritingConfig(env: NodeJS.ProcessEnv = process.env): UnderwritingConfig {
  return { ...readServiceConfig('underwriting', env), phi: readPhiConfig(env) };
}
