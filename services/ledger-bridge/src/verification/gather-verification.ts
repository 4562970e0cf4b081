import type { ClaimSubmitted } from '#libs/contracts';
import type { EntityManager } from 'typeorm';
import type { LedgerChain } from '../chain/ledger-chain.js';
import type { PartyAddresses } from '../directory/directory-store.js';
import { readVerificationFacts, type FactsAsk } from './chain-facts.js';
import type { Verdict, VerificationFacts } from './decide-verification.js';
import { storedForClaims } from './verification-store.js';

/**
 * What the verification of one claim read before its transaction opened, and so what the transaction does:
 * republish the stored verdict, answer pending, or decide from the chain's facts and store the verdict.
 */
export type VerificationGathered =
  { kind: 'stored'; verdict: Verdict } | { kind: 'pending' } | { kind: 'facts'; facts: VerificationFacts };

/** One ask to verify a claim; `final` when the saga wants a verdict even with a party unknown. */
export interface VerificationAsk {
  claim: ClaimSubmitted;
  final: boolean;
}

/**
 * Reads for a batch of asks, in the order given: the stored verdicts and the parties' addresses in one
 * statement (through `reader`, the DataSource's manager: no transaction is open), then the chain, in one
 * call per kind of fact, for the claims whose verdict is to be decided. Reads only, so a redelivery may
 * run it again. The chain's JSON-RPC calls can take seconds or time out (the messages are then retried):
 * that is why they run here and not while the transaction holds a connection.
 */
export async function gatherVerifications(
  chain: LedgerChain,
  reader: EntityManager,
  asks: VerificationAsk[],
): Promise<VerificationGathered[]> {
  const stored = await storedForClaims(
    reader,
    asks.map(({ claim }) => claim),
  );
  const known = asks.map(({ claim, final }, index): VerificationGathered | null => {
    const { verdict, parties } = stored[index];
    if (verdict) return { kind: 'stored', verdict };
    // An unknown party by a final ask cannot have consented: the verdict says so (CONSENT_MISSING).
    if (!partiesKnown(parties, claim) && !final) return { kind: 'pending' };
    return null;
  });
  const toRead = known.flatMap((answer, index): FactsAsk[] =>
    answer ? [] : [{ claim: asks[index].claim, parties: stored[index].parties }],
  );
  const facts = await readVerificationFacts(chain, toRead);
  // The facts come in the order of `toRead`, which is the order of the unknown answers.
  let next = 0;
  return known.map((answer) => answer ?? { kind: 'facts', facts: facts[next++] });
}

function partiesKnown(parties: PartyAddresses, claim: ClaimSubmitted): boolean {
  return (
    parties.member !== null && parties.insurer !== null && (claim.records.length === 0 || parties.provider !== null)
  );
}
