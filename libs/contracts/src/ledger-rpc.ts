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

export interface RecordAnchorMessageView {
  recordId: string;
  contentHash: string;
  patient: string;
  nonce: number;
  deadline: number;
}

export interface PrepareRecordPayload {
  recordId: string;
  memberId: string;
  sha256: string;
}
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

export interface ConsentGrantMessageView {
  patient: string;
  insurer: string;
  scope: string;
  expiresAt: number;
  nonce: number;
  deadline: number;
}
export interface ConsentRevokeMessageView {
  patient: string;
  insurer: string;
  scope: string;
  nonce: number;
  deadline: number;
}

export interface PrepareConsentPayload {
  insurerId: string;
  scope: 'claims';
  /** RFC 3339. */
  expiresAt: string;
}
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
