import type { Page } from './claim-views.js';

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

export interface ListFlagsPayload {
  status?: FlagStatus;
  minScore?: number;
  limit: number;
  cursor?: string;
}
export type ListFlagsResult = Page<FlagView>;

export interface FlagIdPayload {
  id: string;
}
export interface FlagNotePayload {
  id: string;
  note: string;
}
export interface FlagNoteResult {
  flagId: string;
  at: string;
  actor: string;
  note: string;
}
export interface FlagDecisionPayload {
  id: string;
  decision: FlagDecision;
  note: string;
}

export interface CreateExclusionPayload {
  providerId: string;
  from: string;
  to?: string | null;
  reason: string;
}
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
