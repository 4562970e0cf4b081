import { z } from 'zod';
import { pageOf } from './claim-views.js';
import { chainAddress } from './primitives.js';

/**
 * Request/reply payloads of the on-chain endpoints (API.md, On chain) between the gateway and the ledger
 * bridge. Typed data follows EIP-712 as ethers' `signTypedData(domain, types, message)` takes it; in it,
 * times are unix seconds and nonces and deadlines are plain integers.
 */
/** The typed data around a message: what to sign with, apart from the message itself. */
export const typedDataFrame = z.object({
  domain: z.object({ name: z.string(), version: z.string(), chainId: z.number(), verifyingContract: z.string() }),
  types: z.record(z.string(), z.array(z.object({ name: z.string(), type: z.string() }))),
  primaryType: z.string(),
});
/** The typed data of one kind of message, as a prepare endpoint answers it. */
export function typedDataOf<M extends z.ZodType>(message: M) {
  return typedDataFrame.extend({ message });
}
/** `typedDataOf(message)`'s type for a message type `M`. */
export type TypedDataView<M> = z.infer<ReturnType<typeof typedDataOf<z.ZodType<M>>>>;

export const ledgerContractsView = z.object({
  chainId: z.number(),
  token: z.object({ address: z.string(), symbol: z.string(), decimals: z.number() }),
  recordRegistry: z.string(),
  consentRegistry: z.string(),
  settlement: z.string(),
});
export type LedgerContractsView = z.infer<typeof ledgerContractsView>;
/** The contracts' addresses are the same for every caller: the request carries nothing. */
export const getLedgerContractsPayload = z.object({});
export type GetLedgerContractsPayload = z.infer<typeof getLedgerContractsPayload>;

const uint = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** A signature's text; that it is 65 bytes of hex signed by the right key is the bridge's to check. */
const signatureText = z.string({ message: 'must be a hex string' });
const bytes32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be a 0x-prefixed 32-byte hex value');

/** The EIP-712 messages a caller signs, exactly as prepared: an unknown field is refused, not dropped. */
export const recordAnchorMessage = z.strictObject({
  recordId: bytes32,
  contentHash: bytes32,
  patient: chainAddress,
  nonce: uint,
  deadline: uint,
});
export type RecordAnchorMessageView = z.infer<typeof recordAnchorMessage>;

export const prepareRecordPayload = z.object({
  recordId: z.string().min(1).max(200),
  memberId: z.string().min(1).max(100),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
});
export type PrepareRecordPayload = z.infer<typeof prepareRecordPayload>;
export const recordAnchorTypedData = typedDataOf(recordAnchorMessage);

/**
 * The signed anchor: the record as prepared, the message exactly as signed and the signature. The
 * message is checked against what was prepared, so here it is anything.
 */
export const submitRecordPayload = prepareRecordPayload.extend({ message: z.unknown(), signature: signatureText });
export type SubmitRecordPayload = z.infer<typeof submitRecordPayload>;
export const recordSubmittedView = z.object({
  recordId: z.string(),
  status: z.enum(['pending', 'anchored']),
  txHash: z.string().optional(),
});
export type RecordSubmittedView = z.infer<typeof recordSubmittedView>;
/** Any record id: one that names no record the caller may read is not found rather than invalid. */
export const getRecordPayload = z.object({ recordId: z.string() });
export type GetRecordPayload = z.infer<typeof getRecordPayload>;
export const recordView = z.object({
  recordId: z.string(),
  sha256: z.string(),
  providerId: z.string(),
  /** The member the record is about, as the clinic anchored it. */
  memberId: z.string(),
  status: z.enum(['pending', 'anchored', 'failed']),
  blockNumber: z.number().optional(),
  txHash: z.string().optional(),
});
export type RecordView = z.infer<typeof recordView>;

export const consentGrantMessage = z.strictObject({
  patient: chainAddress,
  insurer: chainAddress,
  scope: bytes32,
  expiresAt: uint,
  nonce: uint,
  deadline: uint,
});
export type ConsentGrantMessageView = z.infer<typeof consentGrantMessage>;
export const consentRevokeMessage = z.strictObject({
  patient: chainAddress,
  insurer: chainAddress,
  scope: bytes32,
  nonce: uint,
  deadline: uint,
});
export type ConsentRevokeMessageView = z.infer<typeof consentRevokeMessage>;

/** expiresAt is RFC 3339. */
export const prepareConsentPayload = z.object({
  insurerId: z.string().min(1).max(100),
  scope: z.literal('claims', { message: 'must be "claims"' }),
  expiresAt: z.iso.datetime({ offset: true, message: 'must be an RFC 3339 timestamp' }),
});
export type PrepareConsentPayload = z.infer<typeof prepareConsentPayload>;
export const consentGrantTypedData = typedDataOf(consentGrantMessage);
export const consentRevokeTypedData = typedDataOf(consentRevokeMessage);

export const submitConsentPayload = prepareConsentPayload.extend({ message: z.unknown(), signature: signatureText });
export type SubmitConsentPayload = z.infer<typeof submitConsentPayload>;
export const consentSubmittedView = z.object({
  id: z.string(),
  status: z.enum(['pending', 'active', 'revoked']),
  txHash: z.string().optional(),
});
export type ConsentSubmittedView = z.infer<typeof consentSubmittedView>;
/** Any consent id: one that names no consent of the caller's is not found rather than invalid. */
export const prepareRevokePayload = z.object({ id: z.string() });
export type PrepareRevokePayload = z.infer<typeof prepareRevokePayload>;
export const submitRevokePayload = prepareRevokePayload.extend({ message: z.unknown(), signature: signatureText });
export type SubmitRevokePayload = z.infer<typeof submitRevokePayload>;
export const consentView = z.object({
  id: z.string(),
  insurerId: z.string(),
  memberId: z.string(),
  scope: z.literal('claims'),
  expiresAt: z.string(),
  status: z.enum(['pending', 'active', 'expired', 'revoked', 'failed']),
  txHash: z.string().optional(),
});
export type ConsentView = z.infer<typeof consentView>;
/** API.md, Lists: the gateway sends the page size (default 50, max 500) and the caller's opaque cursor. */
export const listConsentsPayload = z.object({
  limit: z.number().int().min(1).max(500),
  cursor: z.string().max(512).optional(),
});
export type ListConsentsPayload = z.infer<typeof listConsentsPayload>;
export const consentPage = pageOf(consentView);
export type ConsentPage = z.infer<typeof consentPage>;

/** An insurer reads its own escrow: the request carries nothing. */
export const getEscrowPayload = z.object({});
export type GetEscrowPayload = z.infer<typeof getEscrowPayload>;
export const escrowView = z.object({
  insurerId: z.string(),
  /** Token base units as a decimal string. */
  balance: z.string(),
  /** The same balance in tokens (`balance` ÷ 10^decimals), exact, with at least two decimals. */
  balanceInTokens: z.string(),
  token: z.string(),
});
export type EscrowView = z.infer<typeof escrowView>;
