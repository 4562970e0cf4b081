import { messagingMigrations } from '#libs/messaging';
import { phiMigrations } from '#libs/phi';
import { CreateLedgerBridge1764300000000 } from './1764300000000-create-ledger-bridge.migration.js';
import { CreateRelays1764300000001 } from './1764300000001-create-relays.migration.js';
import { CreateChainIndex1764300000002 } from './1764300000002-create-chain-index.migration.js';
import { CreateChainLeadership1764300000003 } from './1764300000003-create-chain-leadership.migration.js';

/** The ledger bridge's one migration history: the outbox and inbox first, then its own tables. */
export const ledgerBridgeMigrations = [
  ...messagingMigrations,
  ...phiMigrations,
  CreateLedgerBridge1764300000000,
  CreateRelays1764300000001,
  CreateChainIndex1764300000002,
  CreateChainLeadership1764300000003,
];
