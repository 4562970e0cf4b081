import type { ClaimSubmitted } from '#libs/contracts';
import { CLAIMS_SCOPE, onChainId } from '../chain/chain-client.js';
import type { LedgerChain } from '../chain/ledger-chain.js';
import type { PartyAddresses } from '../directory/directory-store.js';
import type { ConsentPeriod, RecordFact, VerificationFacts } from './decide-verification.js';

const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

/** One claim to read the chain for, with its parties' addresses as the bridge knows them. */
export interface FactsAsk {
  claim: ClaimSubmitted;
  parties: PartyAddresses;
}

type Anchor = RecordFact['anchor'];
type Consent = NonNullable<VerificationFacts['consent']>;

/**
 * Reads from the chain what the verification of many claims needs (view calls only, nothing is sent): ONE
 * `recordsOf` for every record they cite and ONE `consentsAt` for every claim whose member and insurer are
 * known, whatever the number of claims. The facts per claim are those the single reads (`recordOf`,
 * `isGranted`, `consentOf`) give, so the verdicts are the same.
 */
export async function readVerificationFacts(chain: LedgerChain, asks: FactsAsk[]): Promise<VerificationFacts[]> {
  const at = asks.map(({ claim }) => BigInt(Math.floor(Date.parse(claim.submittedAt) / 1000)));
  const recordIds = [...new Set(asks.flatMap(({ claim }) => claim.records.map((record) => record.recordId)))];
  const withParties = asks.flatMap(({ parties }, index) => (parties.member && parties.insurer ? [index] : []));
  const [anchors, consents] = await Promise.all([
    readAnchors(chain, recordIds),
    readConsents(
      chain,
      withParties.map((index) => ({ parties: asks[index].parties, at: at[index] })),
    ),
  ]);
  const consentOf = new Map(withParties.map((askIndex, index) => [askIndex, consents[index]]));
  return asks.map(({ claim, parties }, index) => ({
    records: claim.records.map(({ recordId, sha256 }) => ({ sha256, anchor: anchors.get(recordId) ?? null })),
    providerAddress: parties.provider,
    consent: consentOf.get(index) ?? null,
    at: at[index],
  }));
}

/** The anchors of the records, by platform record id; a record never anchored maps to null. */
async function readAnchors(chain: LedgerChain, recordIds: string[]): Promise<Map<string, Anchor>> {
  if (!recordIds.length) return new Map();
  const records = (await chain.records.getFunction('recordsOf')(recordIds.map(onChainId))) as {
    contentHash: string;
    clinic: string;
  }[];
  return new Map(
    recordIds.map((recordId, index) => {
      const { contentHash, clinic } = records[index];
      return [recordId, clinic !== ZERO_ADDRESS ? { contentHash, clinic } : null];
    }),
  );
}

async function readConsents(chain: LedgerChain, asks: { parties: PartyAddresses; at: bigint }[]): Promise<Consent[]> {
  if (!asks.length) return [];
  const [inForce, latest] = (await chain.consents.getFunction('consentsAt')(
    asks.map(({ parties }) => parties.member),
    asks.map(({ parties }) => parties.insurer),
    CLAIMS_SCOPE,
    asks.map(({ at }) => at),
  )) as [boolean[], [bigint, bigint, bigint][]];
  return asks.map((_, index) => {
    const [grantedAt, expiresAt, revokedAt] = latest[index];
    const period: ConsentPeriod = { grantedAt, expiresAt, revokedAt };
    return { inForceAt: inForce[index], latest: period.grantedAt === 0n ? null : period };
  });
}
