import { ServiceTestBed, type ServiceUnderTest } from '#libs/test-bed';
import { readClaimsConfig, type ClaimsConfig } from '../../src/claims.config.js';
import { createClaimsApp, startClaimsApp } from '../../src/claims.app.js';

const claims: ServiceUnderTest<ClaimsConfig> = {
  name: 'claims',
  readConfig: readClaimsConfig,
  createApp: createClaimsApp,
  startApp: startClaimsApp,
};

/** One test file's claims service, in-process on its own database and bus namespace (see ServiceTestBed). */
export type ClaimsTestBed = ServiceTestBed<ClaimsConfig>;
export const ClaimsTestBed = {
  /** Starts the claims app with `env` over the test defaults (long check deadlines, fast scans). */
  open: (label: string, env: Record<string, string> = {}): Promise<ClaimsTestBed> =>
    ServiceTestBed.open(claims, label, { CLAIMS_CHECK_DEADLINE_MS: '60000', CLAIMS_DEADLINE_SCAN_MS: '50', ...env }),
};
