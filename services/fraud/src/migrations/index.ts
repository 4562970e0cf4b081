import { messagingMigrations } from '#libs/messaging';
import { CreateFraud1764300000000 } from './1764300000000-create-fraud.migration.js';

/** Fraud's one migration history: the outbox and inbox first, then its own tables. */
export const fraudMigrations = [...messagingMigrations, CreateFraud1764300000000];
