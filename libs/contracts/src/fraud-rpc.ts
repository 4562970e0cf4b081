import { z } from 'zod';
import { pageOf } from './claim-views.js';
import { entityId, isoDate } from './primitives.js';

/**
 * Request/reply payloads of the fraud review (API.md, Fraud review) and of the exclusions endpoint,
 * between the gateway and the fraud service. Shapes follow API.md field for field.
 */
export const FLAG_STATUSES = ['open', 'assigned', 'confirmed', 'dismissed'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

/** The fraud rules' codes (DOMAIN.md, Fraud rules): what a flag's rule hits are named by, and the queue's filter. */
export const FRAUD_RULE_CODES = [
  'DUPLICATE_CLAIM',
  'NEAR_DUPLICATE',
  'SERVICE_AFTER_DEATH',
  'EXCLUDED_PROVIDER',
  'IMPOSSIBLE_DAY',
  'ESTIMATE_INFLATION',
  'CHARGE_OUTLIER',
  'PROVIDER_SPIKE',
] as const;
export type FraudRuleCode = (typeof FRAUD_RULE_CODES)[number];

/** The queue's orders: newest first (the default), or highest score first, then newest. */
export const FLAG_SORTS = ['newest', 'score'] as const;
export type FlagSort = (typeof FLAG_SORTS)[number];

export const FLAG_DECISIONS = ['confirm', 'dismiss'] as const;
export type FlagDecision = (typeof FLAG_DECISIONS)[number];

export const flagRuleView = z.object({ code: z.string(), points: z.number(), explanation: z.string() });
export type FlagRuleView = z.infer<typeof flagRuleView>;

export const flagView = z.object({
  id: z.string(),
  claimId: z.string(),
  /** The claim's member: whose data the flag is about (the gateway's audit row names them). */
  memberId: z.string(),
  score: z.number(),
  held: z.boolean(),
  status: z.enum(FLAG_STATUSES),
  assignee: z.string().optional(),
  rules: z.array(flagRuleView),
  createdAt: z.string(),
});
export type FlagView = z.infer<typeof flagView>;

export const flagClaimSummary = z.object({
  id: z.string(),
  memberId: z.string(),
  providerId: z.string(),
  serviceDate: z.string(),
  submittedAt: z.string(),
  estimateId: z.string().nullable(),
  lines: z.array(z.object({ code: z.string(), units: z.number(), charge: z.number() })),
  totalCharge: z.number(),
});
export type FlagClaimSummary = z.infer<typeof flagClaimSummary>;

export const flagHistoryEntry = z.object({
  at: z.string(),
  /** The analyst's JWT `sub`, or `system` for the screening that raised the flag. */
  actor: z.string(),
  action: z.enum(['flagged', 'assigned', 'noted', 'confirmed', 'dismissed']),
  note: z.string().optional(),
});
export type FlagHistoryEntry = z.infer<typeof flagHistoryEntry>;

export const flagDetail = flagView.extend({ claim: flagClaimSummary, history: z.array(flagHistoryEntry) });
export type FlagDetail = z.infer<typeof flagDetail>;

export const listFlagsPayload = z.object({
  status: z.enum(FLAG_STATUSES).optional(),
  minScore: z.number().int().min(0).max(100).optional(),
  rule: z.enum(FRAUD_RULE_CODES).optional(),
  sort: z.enum(FLAG_SORTS).optional(),
  limit: z.number().int().min(1).max(500),
  cursor: z.string().max(512).optional(),
});
export type ListFlagsPayload = z.infer<typeof listFlagsPayload>;
export const listFlagsResult = pageOf(flagView);
export type ListFlagsResult = z.infer<typeof listFlagsResult>;

const noteText = z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters');

/** A flag id that is not a UUID names no flag: the service answers not found rather than invalid. */
export const flagIdPayload = z.object({ id: z.string() });
export type FlagIdPayload = z.infer<typeof flagIdPayload>;
export const flagNotePayload = z.object({ id: z.string(), note: noteText });
export type FlagNotePayload = z.infer<typeof flagNotePayload>;
export const flagNoteResult = z.object({
  flagId: z.string(),
  memberId: z.string(),
  at: z.string(),
  actor: z.string(),
  note: z.string(),
});
export type FlagNoteResult = z.infer<typeof flagNoteResult>;
export const flagDecisionPayload = z.object({ id: z.string(), decision: z.enum(FLAG_DECISIONS), note: noteText });
export type FlagDecisionPayload = z.infer<typeof flagDecisionPayload>;

export const createExclusionPayload = z
  .object({
    providerId: entityId,
    from: isoDate,
    to: isoDate.nullable().optional(),
    reason: noteText,
  })
  .refine((value) => !value.to || value.to >= value.from, { path: ['to'], message: 'must not be before from' });
export type CreateExclusionPayload = z.infer<typeof createExclusionPayload>;
export const exclusionView = z.object({
  id: z.string(),
  providerId: z.string(),
  /** The insurer whose claims it applies to; null when an admin excluded the provider for every insurer. */
  insurerId: z.string().nullable(),
  from: z.string(),
  to: z.string().nullable(),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type ExclusionView = z.infer<typeof exclusionView>;
