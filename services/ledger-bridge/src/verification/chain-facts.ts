import type { ClaimSubmitted } from '#libs/contracts';
import { CLAIMS_SCOPE, onChainId } from '../chain/chain-client.js';
import type { LedgerChain } from '../chain/ledger-chain.js';
import type { PartyAddresses } from '../directory/directory-store.js';
import type { ConsentPeriod, RecordFact, VerificationFacts } from './decide-verification.js';

const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

/** Reads from the chain what the verification of one claim needs (view calls only, nothing is sent). */
export async function readVerificationFacts(
  chain: LedgerChain,
  claim: ClaimSubmitted,
  parties: PartyAddresses,
): Promise<VerificationFacts> {
  const at = BigInt(Math.floor(Date.parse(claim.submittedAt) / 1000));
  const records = await Promise.all(claim.records.map((record) => readRecord(chain, record)));
  let consent: VerificationFacts['consent'] = null;
  if (parties.member && parties.insurer) {
    const [inForceAt, latest] = await Promise.all([
      chain.consents.getFunction('isGranted')(parties.member, parties.insurer, CLAIMS_SCOPE, at) as Promise<boolean>,
      chain.consents.getFunction('consentOf')(parties.member, parties.insurer, CLAIMS_SCOPE) as Promise<bigint[]>,
    ]);
    const period: ConsentPeriod = { grantedAt: latest[0], expiresAt: latest[1], revokedAt: latest[2] };
    consent = { inForceAt, latest: period.grantedAt === 0n ? null : period };
  }
  return { records, providerAddress: parties.provider, consent, at };
}

async function readRecord(chain: LedgerChain, cited: { recordId: string; sha256: string }): Promise<RecordFact> {
  const [contentHash, clinic] = (await chain.records.getFunction('recordOf')(onChainId(cited.recordId))) as [
    string,
    string,
  ];
  const anchored = clinic !== ZERO_ADDRESS;
  return { sha256: cited.sha256, anchor: anchored ? { contentHash, clinic } : null };
}
