import type {
  ConsentGrantMessageView,
  ConsentRevokeMessageView,
  RecordAnchorMessageView,
  TypedDataView,
} from '#libs/contracts';
import {
  CONSENT_GRANT_TYPES,
  CONSENT_REVOKE_TYPES,
  RECORD_ANCHOR_TYPES,
  consentRegistryDomain,
  recordRegistryDomain,
} from '../../contracts/index.js';

/** How long a prepared message may wait for its signature before the registry refuses it. */
export const SIGNATURE_TTL_SECONDS = 15 * 60;

type Types = TypedDataView<unknown>['types'];
const plain = (types: Record<string, { name: string; type: string }[]>): Types =>
  Object.fromEntries(
    Object.entries(types).map(([name, fields]) => [name, fields.map((f) => ({ name: f.name, type: f.type }))]),
  );

export function recordAnchorTypedData(
  chainId: bigint,
  registry: string,
  message: RecordAnchorMessageView,
): TypedDataView<RecordAnchorMessageView> {
  return {
    domain: domainView(recordRegistryDomain(chainId, registry)),
    types: plain(RECORD_ANCHOR_TYPES),
    primaryType: 'RecordAnchor',
    message,
  };
}

export function consentGrantTypedData(
  chainId: bigint,
  registry: string,
  message: ConsentGrantMessageView,
): TypedDataView<ConsentGrantMessageView> {
  return {
    domain: domainView(consentRegistryDomain(chainId, registry)),
    types: plain(CONSENT_GRANT_TYPES),
    primaryType: 'ConsentGrant',
    message,
  };
}

export function consentRevokeTypedData(
  chainId: bigint,
  registry: string,
  message: ConsentRevokeMessageView,
): TypedDataView<ConsentRevokeMessageView> {
  return {
    domain: domainView(consentRegistryDomain(chainId, registry)),
    types: plain(CONSENT_REVOKE_TYPES),
    primaryType: 'ConsentRevoke',
    message,
  };
}

function domainView(domain: ReturnType<typeof recordRegistryDomain>): TypedDataView<unknown>['domain'] {
  return {
    name: String(domain.name),
    version: String(domain.version),
    chainId: Number(domain.chainId),
    verifyingContract: String(domain.verifyingContract),
  };
}
