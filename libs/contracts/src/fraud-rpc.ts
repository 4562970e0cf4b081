import { z } from 'zod';
import type { Page } from './claim-views.js';
import { entityId, isoDate } from './primitives.js';

/**
 * Request/reply payloads of the fraud review (API.md, Fraud review) and of the exclusions endpoint,
 * between the gateway and the fraud service. Shapes follow API.md field for field.
 */
export const FLAG_STATUSES = ['open', 'assigned', 'confirmed', 'dismissed'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

export const FLAG_DECISIONS = ['confirm', 'dismiss'] as const;
export type FlagDecision = (typeof FLAG_DECISIONS)[number];

export interface FlagRuleView {
  code: string;
  points: number;
  explanation: string;
}

export interface FlagView {
  id: string;
  claimId: string;
  score: number;
  held: boolean;
  status: FlagStatus;
  assignee?: string;
  rules: FlagRuleView[];
  createdAt: string;
}

export interface FlagClaimSummary {
  id: string;
  memberId: string;
  providerId: string;
  serviceDate: string;
  submittedAt: string;
  estimateId: string | null;
  lines: { code: string; units: number; charge: number }[];
  totalCharge: number;
}

export interface FlagHistoryEntry {
  at: string;
  /** The analyst's JWT `sub`, or `system` for the screening that raised the flag. */
  actor: string;
  action: 'flagged' | 'assigned' | 'noted' | 'confirmed' | 'dismissed';
  note?: string;
}

export interface FlagDetail extends FlagView {
  claim: FlagClaimSummary;
  history: FlagHistoryEntry[];
}

export const listFlagsPayload = z.object({
  status: z.enum(FLAG_STATUSES).optional(),
  minScore: z.number().int().min(0).max(100).optional(),
  limit: z.number().int().min(1).max(500),
  cursor: z.string().max(512).optional(),
});
export type ListFlagsPayload = z.infer<typeof listFlagsPayload>;
export type ListFlagsResult = Page<FlagView>;

const noteText = z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters');

/** A flag id that is not a UUID names no flag: the service answers not found rather than invalid. */
export const flagIdPayload = z.object({ id: z.string() });
export type FlagIdPayload = z.infer<typeof flagIdPayload>;
export const flagNotePayload = z.object({ id: z.string(), note: noteText });
export type FlagNotePayload = z.infer<typeof flagNotePayload>;
export interface FlagNoteResult {
  flagId: string;
  at: string;
  actor: string;
  note: string;
}
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
export interface ExclusionView {
  id: string;
  providerId: string;
  /** The insurer whose claims it applies to; null when an admin excluded the provider for every insurer. */
  insurerId: string | null;
  from: string;
  to: string | null;
  reason: string;
  createdBy: string;
  createdAt: string;
}
