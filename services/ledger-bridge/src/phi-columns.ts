import { OUTBOX_PHI_COLUMN } from '#libs/messaging';
import type { PhiColumn } from '#libs/phi';

/** Every column of this service holding sealed personal data, re-encrypted in the background after a rotation. */
export const LEDGER_BRIDGE_PHI_COLUMNS: readonly PhiColumn[] = [OUTBOX_PHI_COLUMN];
