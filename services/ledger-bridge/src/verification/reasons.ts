import type { LEDGER_DENIAL_REASONS } from '#libs/contracts';

export type LedgerDenialReason = (typeof LEDGER_DENIAL_REASONS)[number];
