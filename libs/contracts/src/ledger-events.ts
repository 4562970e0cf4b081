import { z } from 'zod';
import { tokenAmount } from './primitives.js';

const txHash = z.string().regex(/^0x[0-9a-f]{64}$/, 'must be a 0x-prefixed 32-byte hash in lower case');

/** `ledger.payout.submitted.v1`: the payout's batch transaction was broadcast (not yet confirmed). */
export const payoutSubmittedSchema = z.object({
  payoutId: z.string().min(1),
  claimId: z.uuid(),
  txHash,
});
export type PayoutSubmitted = z.infer<typeof payoutSubmittedSchema>;

/** `ledger.payout.settled.v1`: paid on chain with the configured confirmations. */
export const payoutSettledSchema = z.object({
  payoutId: z.string().min(1),
  claimId: z.uuid(),
  txHash,
  blockNumber: z.number().int().nonnegative(),
  tokenAmount,
});
export type PayoutSettled = z.infer<typeof payoutSettledSchema>;

export const PAYOUT_FAILURE_REASONS = ['INSUFFICIENT_ESCROW', 'PAYEE_UNKNOWN', 'INSURER_UNKNOWN', 'REVERTED'] as const;

/**
 * `ledger.payout.failed.v1`: the payout could not be made; `retrying` when the bridge tries again by
 * itself (for example once the escrow is funded), so the claim may still end `paid`.
 */
export const payoutFailedSchema = z.object({
  payoutId: z.string().min(1),
  claimId: z.uuid(),
  reason: z.enum(PAYOUT_FAILURE_REASONS),
  retrying: z.boolean(),
});
export type PayoutFailed = z.infer<typeof payoutFailedSchema>;
