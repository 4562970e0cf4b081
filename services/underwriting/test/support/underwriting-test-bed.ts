import { ServiceTestBed, type ServiceUnderTest } from '#libs/test-bed';
import { createUnderwritingApp, startUnderwritingApp } from '../../src/underwriting.app.js';
import { readUnderwritingConfig, type UnderwritingConfig } from '../../src/underwriting.config.js';

const underwriting: ServiceUnderTest<UnderwritingConfig> = {
  name: 'underwriting',
  readConfig: readUnderwritingConfig,
  createApp: createUnderwritingApp,
  startApp: startUnderwritingApp,
};

/** One test file's underwriting service, in-process on its own database and bus namespace (see ServiceTestBed). */
export type UnderwritingTestBed = ServiceTestBed<UnderwritingConfig>;
export const UnderwritingTestBed = {
  open: (label: string, env: Record<string, string> = {}): Promise<UnderwritingTestBed> =>
    ServiceTestBed.open(underwriting, label, env),
};
