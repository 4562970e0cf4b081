import { readServiceConfig, type ServiceConfig } from '#libs/config';
import { ServiceTestBed, type ServiceUnderTest } from '#libs/test-bed';
import { createUnderwritingApp, startUnderwritingApp } from '../../src/underwriting.app.js';

const underwriting: ServiceUnderTest<ServiceConfig> = {
  name: 'underwriting',
  readConfig: (env) => readServiceConfig('underwriting', env),
  createApp: createUnderwritingApp,
  startApp: startUnderwritingApp,
};

/** One test file's underwriting service, in-process on its own database and bus namespace (see ServiceTestBed). */
export type UnderwritingTestBed = ServiceTestBed<ServiceConfig>;
export const UnderwritingTestBed = {
  open: (label: string, env: Record<string, string> = {}): Promise<UnderwritingTestBed> =>
    ServiceTestBed.open(underwriting, label, env),
};
