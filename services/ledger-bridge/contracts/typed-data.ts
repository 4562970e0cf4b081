import type { TypedDataDomain, TypedDataField } from 'ethers';

/**
 * The EIP-712 shapes the registries verify, for the prepare → sign → submit endpoints of API.md. They must
 * match the Solidity type hashes exactly (RecordRegistry.RECORD_ANCHOR_TYPEHASH and
 * ConsentRegistry.CONSENT_*_TYPEHASH); the contract tests sign with these to prove it.
 */

/** EIP-712 domain names, as passed to the contracts' constructors; every domain is version "1". */
export const RECORD_REGISTRY_DOMAIN_NAME = 'HealthClaims RecordRegistry';
export const CONSENT_REGISTRY_DOMAIN_NAME = 'HealthClaims ConsentRegistry';
export const DOMAIN_VERSION = '1';

export function recordRegistryDomain(chainId: bigint | number, verifyingContract: string): TypedDataDomain {
  return { name: RECORD_REGISTRY_DOMAIN_NAME, version: DOMAIN_VERSION, chainId, verifyingContract };
}

export function consentRegistryDomain(chainId: bigint | number, verifyingContract: string): TypedDataDomain {
  return { name: CONSENT_REGISTRY_DOMAIN_NAME, version: DOMAIN_VERSION, chainId, verifyingContract };
}

export const RECORD_ANCHOR_TYPES: Record<string, TypedDataField[]> = {
  RecordAnchor: [
    { name: 'recordId', type: 'bytes32' },
    { name: 'contentHash', type: 'bytes32' },
    { name: 'patient', type: 'address' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
};

export const CONSENT_GRANT_TYPES: Record<string, TypedDataField[]> = {
  ConsentGrant: [
    { name: 'patient', type: 'address' },
    { name: 'insurer', type: 'address' },
    { name: 'scope', type: 'bytes32' },
    { name: 'expiresAt', type: 'uint64' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
};

export const CONSENT_REVOKE_TYPES: Record<string, TypedDataField[]> = {
  ConsentRevoke: [
    { name: 'patient', type: 'address' },
    { name: 'insurer', type: 'address' },
    { name: 'scope', type: 'bytes32' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
};

/** Messages as signed: times are unix seconds, ids and hashes 0x-prefixed 32-byte hex. */
export interface RecordAnchorMessage {
  recordId: string;
  contentHash: string;
  patient: string;
  nonce: bigint;
  deadline: bigint;
}

export interface ConsentGrantMessage {
  patient: string;
  insurer: string;
  scope: string;
  expiresAt: bigint;
  nonce: bigint;
  deadline: bigint;
}

export interface ConsentRevokeMessage {
  patient: string;
  insurer: string;
  scope: string;
  nonce: bigint;
  deadline: bigint;
}
