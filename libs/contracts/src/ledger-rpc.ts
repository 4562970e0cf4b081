import { z } from 'zod';
import { chainAddress } from './primitives.js';

/**
 * Request/reply payloads of the on-chain endpoints (API.md, On chain) between the gateway and the ledger
 * bridge. Typed data follows EIP-712 as ethers' `signTypedData(domain, types, message)` takes it; in it,
 * times are unix seconds and nonces and deadlines are plain integers.
 */
export interface TypedDataView<M> {
  domain: { name: string; version: string; chainId: number; verifyingContract: string };
  types: Record<string, { name: string; type: string }[]>;
  primaryType: string;
  message: M;
}

export interface LedgerContractsView {
  chainId: number;
  token: { address: string; symbol: string; decimals: number };
  recordRegistry: string;
  consentRegistry: string;
  settlement: string;
}

const uint = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
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
export interface SubmitRecordPayload extends PrepareRecordPayload {
  message: unknown;
  signature: string;
}
export interface RecordSubmittedView {
  recordId: string;
  status: 'pending' | 'anchored';
  txHash?: string;
}
export interface GetRecordPayload {
  recordId: string;
}
export interface RecordView {
  recordId: string;
  sha256: string;
  providerId: string;
  status: 'pending' | 'anchored' | 'failed';
  blockNumber?: number;
  txHash?: string;
}

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
export interface SubmitConsentPayload extends PrepareConsentPayload {
  message: unknown;
  signature: string;
}
export interface ConsentSubmittedView {
  id: string;
  status: 'pending' | 'active' | 'revoked';
  txHash?: string;
}
export interface PrepareRevokePayload {
  id: string;
}
export interface SubmitRevokePayload {
  id: string;
  message: unknown;
  signature: string;
}
export interface ConsentView {
  id: string;
  insurerId: string;
  memberId: string;
  scope: 'claims';
  expiresAt: string;
  status: 'pending' | 'active' | 'expired' | 'revoked' | 'failed';
  txHash?: string;
}
export interface ListConsentsPayload {
  limit: number;
  cursor?: string;
}
export interface ConsentPage {
  items: ConsentView[];
  nextCursor: string | null;
}

export type GetEscrowPayload = Record<string, never>;
export interface EscrowView {
  insurerId: string;
  /** Token base units as a decimal string. */
  balance: string;
  token: string;
}
