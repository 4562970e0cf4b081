import type { ClaimStatus, ClaimView, Page, TimelineEntry } from './claim-views.js';
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
export type RpcErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'VALIDATION' | 'UNAVAILABLE' | 'INTERNAL';
export const RPC_ERROR_CODES: readonly RpcErrorCode[] = [
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
  'VALIDATION',
  'UNAVAILABLE',
  'INTERNAL',
];
export interface RpcError {
  code: RpcErrorCode;
  detail: string;
  errors?: { field: string; message: string }[];
}
export type RpcReply<T> = { ok: true; value: T } | { ok: false; error: RpcError };

export interface SubmitClaimPayload {
  memberId: string;
  providerId: string;
  serviceDate: string;
  diagnosisCodes: string[];
  lines: { code: string; units: number; charge: number; modifiers?: string[] }[];
  records?: { recordId: string; sha256: string }[];
  estimateId?: string;
  /**
   * Opaque, from the caller's Idempotency-Key (hashed with the caller and the body): the claims service
   * stores one claim per key, so a retry after a lost reply never creates a second claim.
   */
  submissionKey?: string;
}
export interface SubmitClaimResult {
  id: string;
  status: ClaimStatus;
}

export interface GetClaimPayload {
  id: string;
}
export type GetClaimResult = ClaimView;
export type ClaimTimelineResult = { items: TimelineEntry[] };

export interface ListClaimsPayload {
  status?: ClaimStatus;
  memberId?: string;
  providerId?: string;
  limit: number;
  cursor?: string;
}
export type ListClaimsResult = Page<ClaimView>;
