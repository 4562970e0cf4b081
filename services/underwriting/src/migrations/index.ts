import { messagingMigrations } from '#libs/messaging';
import { phiMigrations } from '#libs/phi';
import { CreateUnderwriting1764100000000 } from './1764100000000-create-underwriting.migration.js';
import { CreateEstimatePreauthorizations1764300000100 } from './1764300000100-create-estimate-preauthorizations.migration.js';

/** Underwriting's one migration history: the outbox and inbox first, then its own tables. */
export const underwritingMigrations = [
  ...messagingMigrations,
  ...phiMigrations,
  CreateUnderwriting1764100000000,
  CreateEstimatePreauthorizations1764300000100,
];
