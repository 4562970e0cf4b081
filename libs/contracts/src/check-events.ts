import { z } from 'zod';

/** `underwriting.coverage.decided.v1`: one verdict per submitted line, in submitted order. */
export const coverageDecidedSchema = z.object({
  claimId: z.uuid(),
  insurerId: z.string().nullable(),
  currency: z.string().length(3).nullable(),
  lines: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      code: z.string(),
      /** The procedure's category (reference table), for copays in pricing; null for an unknown code. */
      category: z.string().nullable().default(null),
      status: z.enum(['covered', 'denied']),
      reason: z.string().nullable(),
    }),
  ),
  /** The member's plan, when the member is known: pricing follows the plan's benefits. */
  planId: z.string().nullable().default(null),
});
export type CoverageDecided = z.infer<typeof coverageDecidedSchema>;

/** `fraud.screening.completed.v1`: the score; `held` when it reaches the hold threshold. */
export const screeningCompletedSchema = z.object({
  claimId: z.uuid(),
  score: z.number().int().min(0).max(100),
  held: z.boolean(),
  flagId: z.string().nullable(),
});
export type ScreeningCompleted = z.infer<typeof screeningCompletedSchema>;

/** `fraud.flag.decided.v1`: an analyst's decision on a held claim. */
export const flagDecidedSchema = z.object({
  claimId: z.uuid(),
  flagId: z.string(),
  decision: z.enum(['confirm', 'dismiss']),
});
export type FlagDecided = z.infer<typeof flagDecidedSchema>;

export const LEDGER_DENIAL_REASONS = [
  'RECORD_NOT_ANCHORED',
  'RECORD_HASH_MISMATCH',
  'CONSENT_MISSING',
  'CONSENT_EXPIRED',
] as const;

/** Why the bridge cannot judge a claim yet: the member's, insurer's or provider's registration has not reached it. */
export const LEDGER_PENDING_REASONS = ['REGISTRATION_NOT_YET_SEEN'] as const;

/**
 * `ledger.records.verified.v1`: records anchored as cited and consent valid, or the first reason not.
 * With `pending` it is no verdict (`verified: false`, `reason: null`): the bridge cannot judge yet and the
 * saga asks again, asking for a final verdict (`claims.check.requested.v1` `final`) when its policy says so.
 * Absent in verdicts, and in every message sent before pending answers existed.
 */
export const recordsVerifiedSchema = z.object({
  claimId: z.uuid(),
  verified: z.boolean(),
  reason: z.enum(LEDGER_DENIAL_REASONS).nullable(),
  pending: z.enum(LEDGER_PENDING_REASONS).optional(),
});
export type RecordsVerified = z.infer<typeof recordsVerifiedSchema>;
