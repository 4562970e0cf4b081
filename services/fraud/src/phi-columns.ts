import { OUTBOX_PHI_COLUMN } from '#libs/messaging';
import type { PhiColumn } from '#libs/phi';
import { FRAUD_OWN_PHI_COLUMNS } from './phi/fraud-phi.js';

/** Every column of this service holding sealed personal data, re-encrypted in the background after a rotation. */
export const FRAUD_PHI_COLUMNS: readonly PhiColumn[] = [OUTBOX_PHI_COLUMN, ...FRAUD_OWN_PHI_COLUMNS];
