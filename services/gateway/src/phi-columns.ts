import type { PhiColumn } from '#libs/phi';
import { IDEMPOTENCY_RESPONSE_PHI_COLUMN } from './idempotency/idempotency.store.js';

/** Every column of the gateway holding sealed personal data, re-encrypted in the background after a rotation. */
export const GATEWAY_PHI_COLUMNS: readonly PhiColumn[] = [IDEMPOTENCY_RESPONSE_PHI_COLUMN];
