import { z } from 'zod';
import { pageOf } from './claim-views.js';
import { CURRENCY_PATTERN } from './currencies.js';
import { chainAddress, displayName, entityId, isoDate, procedureCode } from './primitives.js';

/**
 * Request/reply payloads of the set-up endpoints (API.md, Set-up), between the gateway and the
 * underwriting and billing services. Shapes follow API.md field for field.
 *
 * Each request is described once, by its schema: the service parses with it (`parseWith` of
 * `#libs/rpc`) and its type is inferred from it. A `...Payload` type is what a caller sends
 * (`z.input`); where the schema fills in defaults, the service reads `z.output` of the schema.
 */
export const createInsurerPayload = z.object({ id: entityId, name: displayName, address: chainAddress });
export type CreateInsurerPayload = z.input<typeof createInsurerPayload>;
export const insurerView = z.object({ id: z.string(), name: z.string(), address: z.string(), createdAt: z.string() });
export type InsurerView = z.infer<typeof insurerView>;

const money = z
  .number()
  .int('must be a whole number of minor units')
  .nonnegative('must not be negative')
  .max(Number.MAX_SAFE_INTEGER, 'is too large');
const percent = z.number().int('must be a whole percentage').min(0, 'must be 0 to 100').max(100, 'must be 0 to 100');
const category = z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters');
const codes = z.array(procedureCode).max(10_000);

/** The shape of a plan: types, ranges, money as non-negative safe integers (API.md, Set-up). */
export const createPlanPayload = z.object({
  id: entityId,
  name: displayName,
  currency: z.string().regex(CURRENCY_PATTERN, 'must be an ISO 4217 code: 3 upper-case letters'),
  deductible: money,
  coinsurancePct: percent,
  outOfNetworkCoinsurancePct: percent,
  copays: z.record(category, money),
  oopMax: money,
  annualLimit: money,
  coveredCategories: z.array(category).max(100),
  coveredCodes: codes,
  excludedCodes: codes,
  preauthCodes: codes,
  // Ten years: a longer waiting period is a typo, not a plan.
  waitingPeriodDays: z.number().int('must be a whole number of days').min(0, 'must not be negative').max(3650),
});
export type CreatePlanPayload = z.infer<typeof createPlanPayload>;
/** A plan as stored: the request as given (already checked), the insurer's id and when it was created. */
export const planView = createPlanPayload.extend({ insurerId: z.string(), createdAt: z.string() });
export type PlanView = z.infer<typeof planView>;

/** An enrolment; an absent coverageEnd or dateOfDeath reads as null (open-ended, alive). */
export const createMemberPayload = z.object({
  id: entityId,
  name: displayName,
  birthDate: isoDate,
  planId: entityId,
  coverageStart: isoDate,
  coverageEnd: isoDate.nullish().transform((date) => date ?? null),
  address: chainAddress,
  dateOfDeath: isoDate.nullish().transform((date) => date ?? null),
});
export type CreateMemberPayload = z.input<typeof createMemberPayload>;

/** A policy is active or cancelled (API.md, Set-up: PATCH /v1/members/{id}). */
export const MEMBER_STATUSES = ['active', 'cancelled'] as const;

export const updateMemberPayload = z.object({
  id: entityId,
  coverageEnd: isoDate.nullable().optional(),
  dateOfDeath: isoDate.nullable().optional(),
  status: z.enum(MEMBER_STATUSES).optional(),
});
export type UpdateMemberPayload = z.infer<typeof updateMemberPayload>;

export const memberView = z.object({
  id: z.string(),
  insurerId: z.string(),
  name: z.string(),
  birthDate: z.string(),
  planId: z.string(),
  coverageStart: z.string(),
  coverageEnd: z.string().nullable(),
  address: z.string(),
  dateOfDeath: z.string().nullable(),
  status: z.enum(MEMBER_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MemberView = z.infer<typeof memberView>;

/** API.md, Lists: limit default 50, max 500; an opaque cursor. */
const pageRequest = {
  limit: z.number().int().min(1).max(500).optional(),
  cursor: z.string().min(1).max(512).optional(),
};

/** The insurer's own plans, newest first. */
export const listPlansPayload = z.object(pageRequest);
export type ListPlansPayload = z.infer<typeof listPlansPayload>;
export const planPage = pageOf(planView);
export type PlanPage = z.infer<typeof planPage>;

/** The insurer's own members, newest first, on one plan and/or in one status. */
export const listMembersPayload = z.object({
  ...pageRequest,
  planId: entityId.optional(),
  status: z.enum(MEMBER_STATUSES).optional(),
});
export type ListMembersPayload = z.infer<typeof listMembersPayload>;
export const memberPage = pageOf(memberView);
export type MemberPage = z.infer<typeof memberPage>;

/** One plan or member by id; an id that is not well-formed names nothing (NOT_FOUND). */
export const getByIdPayload = z.object({ id: z.string() });
export type GetByIdPayload = z.infer<typeof getByIdPayload>;

/** The date is YYYY-MM-DD; the gateway fills in today (UTC) when the caller gives none. */
export const eligibilityPayload = z.object({ memberId: entityId, date: isoDate });
export type EligibilityPayload = z.infer<typeof eligibilityPayload>;
/** Underwriting's part of the eligibility answer; the gateway adds billing's accumulators. */
export const eligibilityView = z.object({
  memberId: z.string(),
  insurerId: z.string(),
  date: z.string(),
  eligible: z.boolean(),
  /** Why not, in DOMAIN.md's codes (NOT_ELIGIBLE, WAITING_PERIOD); empty when eligible. */
  reasons: z.array(z.string()),
  plan: planView,
});
export type EligibilityView = z.infer<typeof eligibilityView>;

/** The year is the plan year: the calendar year of the date asked about. */
export const accumulatorsPayload = z.object({
  memberId: entityId,
  year: z.number().int('must be a whole year').min(1900).max(9999),
});
export type AccumulatorsPayload = z.infer<typeof accumulatorsPayload>;
export const accumulatorsView = z.object({
  year: z.number(),
  deductibleMet: z.number(),
  oopMet: z.number(),
  planPaid: z.number(),
});
export type AccumulatorsView = z.infer<typeof accumulatorsView>;

export const quotePayload = z.object({
  planId: entityId,
  applicant: z.object({
    birthDate: isoDate,
    smoker: z.boolean(),
    chronicConditions: z.array(z.string().trim().min(1, 'must not be empty').max(100)).max(50),
  }),
});
export type QuotePayload = z.infer<typeof quotePayload>;
export const quoteView = z.object({
  planId: z.string(),
  currency: z.string(),
  annualPremium: z.number(),
  riskScore: z.number(),
  factors: z.array(z.object({ name: z.string(), effect: z.string() })),
});
export type QuoteView = z.infer<typeof quoteView>;

/**
 * `GET /v1/reference/procedures?q=&category=&limit=&cursor=`: the procedure reference table (DOMAIN.md),
 * by code. `q` matches the start of a code or any part of a description, case-insensitively; `category`
 * is one category exactly. Reference data, the same for every caller.
 */
export const PROCEDURE_CATEGORY_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const listProceduresPayload = z.object({
  q: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional(),
  category: z.string().regex(PROCEDURE_CATEGORY_PATTERN, 'must be 1 to 64 letters, digits, "_" or "-"').optional(),
  limit: z.number().int().min(1).max(500),
  cursor: z.string().optional(),
});
export type ListProceduresPayload = z.infer<typeof listProceduresPayload>;
/** What a clinic needs to choose a code; typical minutes stay out (they feed a fraud rule, IMPOSSIBLE_DAY). */
export const procedureView = z.object({ code: z.string(), category: z.string(), description: z.string() });
export type ProcedureView = z.infer<typeof procedureView>;
export const listProceduresResult = z.object({ items: z.array(procedureView), nextCursor: z.string().nullable() });
export type ListProceduresResult = z.infer<typeof listProceduresResult>;
