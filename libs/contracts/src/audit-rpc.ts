import { z } from 'zod';

/**
 * The gateway asks the ledger bridge to anchor its audit chain's head (docs/decisions/0010-audit-trail.md):
 * the row number and the hex SHA-256 the chain trigger stored for it. Asking again for a seq already
 * anchored answers the first anchor's transaction.
 */
export const anchorAuditPayload = z.object({
  seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  head: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
});
export type AnchorAuditPayload = z.infer<typeof anchorAuditPayload>;

export const auditAnchorView = z.object({
  seq: z.number(),
  head: z.string(),
  txHash: z.string(),
  blockNumber: z.number(),
});
export type AuditAnchorView = z.infer<typeof auditAnchorView>;
