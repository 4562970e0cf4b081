import { z } from 'zod';

/**
 * Claim shapes of the public API (API.md, Claims), shared by the claims service and the gateway. Each
 * is described once, by its schema; its type is inferred from it.
 */
export const CLAIM_STATUSES = [
  'received',
  'in_review',
  'pending_review',
  'approved',
  'denied',
  'paid',
  'payment_failed',
  'closed',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const claimLineView = z.object({
  code: z.string(),
  units: z.number(),
  charge: z.number(),
  status: z.enum(['approved', 'denied', 'pending']),
  reason: z.string().optional(),
  allowed: z.number(),
  planPays: z.number(),
  patientPays: z.number(),
  /**
   * The patient's share split as billing priced it (DOMAIN.md, Pricing); absent until the line is priced,
   * and on lines priced before the split was kept.
   */
  costSharing: z.object({ deductible: z.number(), copay: z.number(), coinsurance: z.number() }).optional(),
});
export type ClaimLineView = z.infer<typeof claimLineView>;

/** The claim's payment as the ledger bridge reports it; `amount` in token base units (exceeds 2^53). */
export const payoutView = z.object({
  status: z.enum(['pending', 'submitted', 'confirmed', 'failed']),
  amount: z.string(),
  /** The settlement token's symbol, e.g. HCET. */
  token: z.string(),
  txHash: z.string().optional(),
  blockNumber: z.number().optional(),
  failureReason: z.string().optional(),
});
export type PayoutView = z.infer<typeof payoutView>;

/** The sums over a claim's or an estimate's lines. */
export const lineTotalsView = z.object({
  charge: z.number(),
  allowed: z.number(),
  planPays: z.number(),
  patientPays: z.number(),
});

export const claimView = z.object({
  id: z.string(),
  status: z.enum(CLAIM_STATUSES),
  memberId: z.string(),
  providerId: z.string(),
  serviceDate: z.string(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  currency: z.string().nullable(),
  lines: z.array(claimLineView),
  totals: lineTotalsView,
  denialReason: z.string().optional(),
  payout: payoutView.optional(),
});
export type ClaimView = z.infer<typeof claimView>;

export const timelineEntry = z.object({
  at: z.string(),
  status: z.enum(CLAIM_STATUSES),
  reason: z.string().optional(),
  actor: z.enum(['system', 'analyst', 'chain']),
});
export type TimelineEntry = z.infer<typeof timelineEntry>;

/** A page of a list (API.md, Lists): the items and the cursor of the next page, null on the last. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
/** `pageOf(item)`'s type for an item type `T`. */
export type Page<T> = z.infer<ReturnType<typeof pageOf<z.ZodType<T>>>>;
