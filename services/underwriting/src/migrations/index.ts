import { messagingMigrations } from '#libs/messaging';
import { phiMigrations } from '#libs/phi';
import { CreateUnderwriting1764100000000 } from './1764100000000-create-underwriting.migration.js';
import { CreateEstimatePreauthorizations1764300000100 } from './1764300000100-create-estimate-preauthorizations.migration.js';
import { SealMemberPhi1768000000100 } from './1768000000100-seal-member-phi.migration.js';
import { ListPlansAndMembers1769000000100 } from './1769000000100-list-plans-and-members.migration.js';

/** Underwriting's one migration history: the outbox and inbox first, then its own tables and its PHI data keys. */
export const underwritingMigrations = [
  ...messagingMigrations,
  CreateUnderwriting1764100000000,
  CreateEstimatePreauthorizations1764300000100,
  ...phiMigrations,
  SealMemberPhi1768000000100,
  ListPlansAndMembers1769000000100,
];
