import { z } from 'zod';
import { CLAIM_STATUSES, claimView, pageOf, timelineEntry } from './claim-views.js';
import { isoDate, minorUnits, procedureCode } from './primitives.js';
import type { Principal } from './principal.js';

/**
 * Request/reply payloads between the gateway and the services. Every request carries the caller so
 * that the owning service applies ownership itself; a reply is either a value or a named error.
 */
export interface RpcRequest<T> {
  principal: Principal;
  requestId: string;
  payload: T;
}

/**
 * UNAVAILABLE: a dependency of the service (its database, the chain) is down or busy; the same request
 * may succeed shortly. INTERNAL: the service failed on its own (a bug); retrying will not help.
 */
export const RPC_ERROR_CODES = ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'VALIDATION', 'UNAVAILABLE', 'INTERNAL'] as const;
export type RpcErrorCode = (typeof RPC_ERROR_CODES)[number];
export const rpcError = z.object({
  code: z.enum(RPC_ERROR_CODES),
  detail: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type RpcError = z.infer<typeof rpcError>;
export type RpcReply<T> = { ok: true; value: T } | { ok: false; error: RpcError };

/**
 * The business shape of a claim at intake. The gateway checks the HTTP shape (tighter, and unknown fields);
 * the claims service owns claims, so it checks this again and never trusts a caller on the bus. Unknown
 * fields are dropped, as on every internal message. Parsed, the optional parts are filled in.
 */
export const submitClaimPayload = z.object({
  memberId: z.string().trim().min(1).max(128),
  providerId: z.string().trim().min(1).max(128),
  serviceDate: isoDate,
  diagnosisCodes: z.array(z.string().trim().min(1).max(16)).max(50),
  lines: z
    .array(
      z.object({
        code: procedureCode,
        units: z.number().int().positive().max(10_000),
        charge: minorUnits,
        // CPT/HCPCS modifiers are two letters or digits (59, XE, 25, ...).
        modifiers: z
          .array(z.string().regex(/^[A-Z0-9]{2}$/, 'must be 2 letters or digits'))
          .max(4)
          .default([]),
      }),
    )
    .min(1)
    .max(1_000),
  records: z
    .array(
      z.object({
        recordId: z.string().min(1).max(256),
        sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
      }),
    )
    .max(100)
    .nullish()
    .transform((records) => records ?? []),
  estimateId: z
    .string()
    .min(1)
    .max(128)
    .nullish()
    .transform((id) => id ?? null),
  /**
   * Opaque, from the caller's Idempotency-Key (hashed with the caller and the body): the claims service
   * stores one claim per key, so a retry after a lost reply never creates a second claim.
   */
  submissionKey: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullish()
    .transform((key) => key ?? null),
});
/** What a caller sends. */
export type SubmitClaimPayload = z.input<typeof submitClaimPayload>;
/** What the claims service reads: modifiers, records, estimateId and submissionKey filled in. */
export type ClaimSubmission = z.output<typeof submitClaimPayload>;
export const submitClaimResult = z.object({ id: z.string(), status: z.enum(CLAIM_STATUSES) });
export type SubmitClaimResult = z.infer<typeof submitClaimResult>;

/** A claim id that is not a UUID names no claim: the service answers not found rather than invalid. */
export const getClaimPayload = z.object({ id: z.string() });
export type GetClaimPayload = z.infer<typeof getClaimPayload>;
export const getClaimResult = claimView;
export type GetClaimResult = z.infer<typeof getClaimResult>;
/** The member the claim is about rides along, so the gateway's audit row names whose data was read. */
export const claimTimelineResult = z.object({ memberId: z.string(), items: z.array(timelineEntry) });
export type ClaimTimelineResult = z.infer<typeof claimTimelineResult>;

/** API.md, Lists: limit default 50, max 500; an opaque cursor. */
export const listClaimsPayload = z.object({
  status: z.enum(CLAIM_STATUSES).optional(),
  memberId: z.string().min(1).max(128).optional(),
  providerId: z.string().min(1).max(128).optional(),
  limit: z.number().int().min(1).max(500).optional(),
  cursor: z.string().min(1).max(512).optional(),
});
export type ListClaimsPayload = z.infer<typeof listClaimsPayload>;
export const listClaimsResult = pageOf(claimView);
export type ListClaimsResult = z.infer<typeof listClaimsResult>;

/**
 * The caller's claims counted and summed per status (and currency: amounts of two currencies do not add
 * up; null while coverage is undecided), optionally submitted from/to a day (inclusive, UTC).
 */
export const claimsSummaryPayload = z.object({ from: isoDate.optional(), to: isoDate.optional() });
export type ClaimsSummaryPayload = z.infer<typeof claimsSummaryPayload>;
export const statusTotals = z.object({
  status: z.enum(CLAIM_STATUSES),
  currency: z.string().nullable(),
  count: z.number(),
  billed: z.number(),
  allowed: z.number(),
  planPays: z.number(),
  patientPays: z.number(),
});
export type StatusTotals = z.infer<typeof statusTotals>;
export const claimsSummaryResult = z.object({ items: z.array(statusTotals) });
export type ClaimsSummaryResult = z.infer<typeof claimsSummaryResult>;

/**
 * The review backlog, for the gateway's admission control (docs/decisions/0016-admission-control.md):
 * claims received and not yet decided, i.e. with a check still out. Asked by the platform itself.
 */
export const reviewBacklogPayload = z.object({});
export type ReviewBacklogPayload = z.infer<typeof reviewBacklogPayload>;
export const reviewBacklogResult = z.object({ claims: z.number().int().nonnegative() });
export type ReviewBacklogResult = z.infer<typeof reviewBacklogResult>;
