import { OUTBOX_PHI_COLUMN } from '#libs/messaging';
import type { PhiColumn } from '#libs/phi';
import { MEMBER_PHI_COLUMNS } from './members/member-phi.js';

/** Every column of this service holding sealed personal data, re-encrypted in the background after a rotation. */
export const UNDERWRITING_PHI_COLUMNS: readonly PhiColumn[] = [OUTBOX_PHI_COLUMN, ...MEMBER_PHI_COLUMNS];
