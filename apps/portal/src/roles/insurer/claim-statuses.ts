import type { components } from '../../api/generated/schema';

export type ClaimStatus = components['schemas']['ClaimResponse']['status'];

/** Every status a claim can have, in the order a claim goes through them. */
export const CLAIM_STATUSES: readonly ClaimStatus[] = [
  'received',
  'pending_review',
  'in_review',
  'approved',
  'denied',
  'paid',
  'payment_failed',
  'closed',
];
