import { messagingMigrations } from '#libs/messaging';
import { phiMigrations } from '#libs/phi';
import { CreateAccumulators1764200000000 } from './1764200000000-create-accumulators.migration.js';
import { CreateBilling1764300000000 } from './1764300000000-create-billing.migration.js';
import { ProviderNpi1765000000000 } from './1765000000000-provider-npi.migration.js';

/** The billing service's one migration history: the outbox and inbox first, then its own tables. */
export const billingMigrations = [
  ...messagingMigrations,
  ...phiMigrations,
  CreateAccumulators1764200000000,
  CreateBilling1764300000000,
  ProviderNpi1765000000000,
];
