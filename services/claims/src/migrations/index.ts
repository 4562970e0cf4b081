import { messagingMigrations } from '#libs/messaging';
import { phiMigrations } from '#libs/phi';
import { CreateClaims1732400000000 } from './1732400000000-create-claims.migration.js';
import { AddSubmissionKey1732500000000 } from './1732500000000-add-submission-key.migration.js';
import { AddMemberInsurerVersion1732600000000 } from './1732600000000-add-member-insurer-version.migration.js';
import { AddSettlement1732700000000 } from './1732700000000-add-settlement.migration.js';
import { AddSettlementDeadline1732800000000 } from './1732800000000-add-settlement-deadline.migration.js';
import { SealDiagnosisCodes1768000000100 } from './1768000000100-seal-diagnosis-codes.migration.js';
import { AddLineCostSharing1768000000200 } from './1768000000200-add-line-cost-sharing.migration.js';

/** The claims service's one migration history: the outbox and inbox first, then its own tables and its PHI data keys. */
export const claimsMigrations = [
  ...messagingMigrations,
  CreateClaims1732400000000,
  AddSubmissionKey1732500000000,
  AddMemberInsurerVersion1732600000000,
  AddSettlement1732700000000,
  AddSettlementDeadline1732800000000,
  ...phiMigrations,
  SealDiagnosisCodes1768000000100,
  AddLineCostSharing1768000000200,
];
