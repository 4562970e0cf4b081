import type { ClaimSubmitted } from '#libs/contracts';
import type { EntityManager } from 'typeorm';
import type { LedgerChain } from '../chain/ledger-chain.js';
import { addressesForClaim, type PartyAddresses } from '../directory/directory-store.js';
import { readVerificationFacts } from './chain-facts.js';
import type { Verdict, VerificationFacts } from './decide-verification.js';
import { storedVerdict } from './verification-store.js';

/**
 * What the verification of one claim read before its transaction opened, and so what the transaction does:
 * republish the stored verdict, answer pending, or decide from the chain's facts and store the verdict.
 */
export type VerificationGathered =
  { kind: 'stored'; verdict: Verdict } | { kind: 'pending' } | { kind: 'facts'; facts: VerificationFacts };

/**
 * Reads the stored verdict and the parties' addresses (through `reader`, the DataSource's manager: no
 * transaction is open), then the chain only when a verdict is to be decided. Reads only, so a redelivery
 * may run it again. The chain's JSON-RPC calls can take seconds or time out (the message is then retried):
 * that is why they run here and not while the message's transaction holds a connection.
 */
export async function gatherVerification(
  chain: LedgerChain,
  reader: EntityManager,
  claim: ClaimSubmitted,
  final: boolean,
): Promise<VerificationGathered> {
  const stored = await storedVerdict(reader, claim.claimId);
  if (stored) return { kind: 'stored', verdict: stored };
  const parties = await addressesForClaim(reader, claim);
  if (!partiesKnown(parties, claim) && !final) return { kind: 'pending' };
  // An unknown party by a final ask cannot have consented: the verdict says so (CONSENT_MISSING).
  return { kind: 'facts', facts: await readVerificationFacts(chain, claim, parties) };
}

function partiesKnown(parties: PartyAddresses, claim: ClaimSubmitted): boolean {
  return (
    parties.member !== null && parties.insurer !== null && (claim.records.length === 0 || parties.provider !== null)
  );
}
