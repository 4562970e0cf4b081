import { messagingMigrations } from '#libs/messaging';
import { phiMigrations } from '#libs/phi';
import { CreateFraud1764300000000 } from './1764300000000-create-fraud.migration.js';

/** Fraud's one migration history: the outbox and inbox first, then its own tables. */
export const fraudMigrations = [...messagingMigrations, ...phiMigrations, CreateFraud1764300000000];
