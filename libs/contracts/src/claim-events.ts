import { z } from 'zod';
import { isoDate, minorUnits, procedureCode } from './primitives.js';

export const claimLineSchema = z.object({
  code: procedureCode,
  units: z.number().int().positive(),
  charge: minorUnits,
  modifiers: z.array(z.string()).default([]),
});

/** `claims.claim.submitted.v1`: a claim was accepted at intake; every check starts from it. */
export const claimSubmittedSchema = z.object({
  claimId: z.uuid(),
  memberId: z.string().min(1),
  providerId: z.string().min(1),
  /** The member's insurer when the claims service knows it (from underwriting's member events). */
  insurerId: z.string().min(1).nullable(),
  serviceDate: isoDate,
  diagnosisCodes: z.array(z.string()),
  lines: z.array(claimLineSchema).min(1),
  records: z.array(z.object({ recordId: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
  estimateId: z.string().nullable(),
  submittedAt: z.iso.datetime(),
});
export type ClaimSubmitted = z.infer<typeof claimSubmittedSchema>;

export const CHECKS = ['coverage', 'fraud', 'ledger'] as const;
export type CheckName = (typeof CHECKS)[number];

/**
 * `claims.check.requested.v1`: the saga re-asks one check whose answer is overdue. It carries the
 * whole claim so the checking service needs no state of its own to answer; answering twice is harmless
 * because every check result is idempotent per claim. `final`: the check must give a verdict on what it
 * knows now, not a pending answer; absent means false (so requests sent before it existed still read).
 */
export const checkRequestedSchema = z.object({
  check: z.enum(CHECKS),
  attempt: z.number().int().positive(),
  final: z.boolean().optional(),
  claim: claimSubmittedSchema,
});
export type CheckRequested = z.infer<typeof checkRequestedSchema>;

/**
 * `claims.claim.decided.v1`: the saga's verdict, for read models and for pricing. It carries all that
 * pricing needs (lines with their category, the plan, the currency, the cited estimate), so billing
 * prices an approved claim from this one message.
 */
export const claimDecidedSchema = z.object({
  claimId: z.uuid(),
  memberId: z.string(),
  providerId: z.string(),
  insurerId: z.string().nullable(),
  serviceDate: isoDate,
  status: z.enum(['approved', 'denied']),
  reason: z.string().nullable(),
  /** The member's plan as coverage reported it; null when coverage never answered or knew no member. */
  planId: z.string().nullable(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .nullable(),
  estimateId: z.string().nullable(),
  lines: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      code: z.string(),
      units: z.number().int().positive(),
      charge: minorUnits,
      /** The procedure's category from the reference table (for copays); null for an unknown code. */
      category: z.string().nullable(),
      status: z.enum(['approved', 'denied']),
      reason: z.string().nullable(),
    }),
  ),
});
export type ClaimDecided = z.infer<typeof claimDecidedSchema>;

export const SETTLEMENT_STAGES = ['pricing', 'payout'] as const;
export type SettlementStage = (typeof SETTLEMENT_STAGES)[number];

/**
 * `claims.settlement.requested.v1`: the saga re-asks for what should follow an approval and is
 * overdue: the pricing (billing never answered) or the payout (requested but not confirmed). It
 * carries the decision so billing can price from this message alone if the decided event was lost;
 * billing answers by pricing once, or by announcing again what it already did (priced, payout
 * requested), and the ledger bridge announces a settled payout again. Every answer is idempotent.
 */
export const settlementRequestedSchema = z.object({
  stage: z.enum(SETTLEMENT_STAGES),
  attempt: z.number().int().positive(),
  decided: claimDecidedSchema,
});
export type SettlementRequested = z.infer<typeof settlementRequestedSchema>;
