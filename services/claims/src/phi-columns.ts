import { OUTBOX_PHI_COLUMN } from '#libs/messaging';
import type { PhiColumn } from '#libs/phi';
import { CLAIM_PHI_COLUMNS } from './claim/claim-phi.js';

/** Every column of this service holding sealed personal data, re-encrypted in the background after a rotation. */
export const CLAIMS_PHI_COLUMNS: readonly PhiColumn[] = [OUTBOX_PHI_COLUMN, ...CLAIM_PHI_COLUMNS];
