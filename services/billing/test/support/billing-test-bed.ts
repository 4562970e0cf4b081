import { readBillingConfig, type BillingConfig } from '../../src/config/billing-config.js';
import { ServiceTestBed, type ServiceUnderTest } from '#libs/test-bed';
import { createBillingApp, startBillingApp } from '../../src/billing.app.js';

const billing: ServiceUnderTest<BillingConfig> = {
  name: 'billing',
  readConfig: readBillingConfig,
  createApp: createBillingApp,
  startApp: startBillingApp,
};

/** One test file's billing service, in-process on its own database and bus namespace (see ServiceTestBed). */
export type BillingTestBed = ServiceTestBed<BillingConfig>;
export const BillingTestBed = {
  open: (label: string, env: Record<string, string> = {}): Promise<BillingTestBed> =>
    ServiceTestBed.open(billing, label, env),
};
