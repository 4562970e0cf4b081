import { messagingMigrations } from '#libs/messaging';
import { phiMigrations } from '#libs/phi';
import { CreateFraud1764300000000 } from './1764300000000-create-fraud.migration.js';
import { SealMemberDatesOfDeath1768000000100 } from './1768000000100-seal-member-dates-of-death.migration.js';
import { QueueFlagsByScoreAndRule1768000000300 } from './1768000000300-queue-flags-by-score-and-rule.migration.js';

/** Fraud's one migration history: the outbox and inbox first, then its own tables and its PHI data keys. */
export const fraudMigrations = [
  ...messagingMigrations,
  CreateFraud1764300000000,
  ...phiMigrations,
  SealMemberDatesOfDeath1768000000100,
  QueueFlagsByScoreAndRule1768000000300,
];
