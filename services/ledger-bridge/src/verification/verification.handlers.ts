import { Inject, Injectable } from '@nestjs/common';
import {
  causedBy,
  Subjects,
  type Causation,
  type CheckRequested,
  type ClaimSubmitted,
  type Envelope,
  type RecordsVerified,
} from '#libs/contracts';
import { HandleEvent, type HandlerContext } from '#libs/messaging';
import { LedgerChain } from '../chain/ledger-chain.js';
import { addressesForClaim, type PartyAddresses } from '../directory/directory-store.js';
import { readVerificationFacts } from './chain-facts.js';
import { decideVerification } from './decide-verification.js';
import { keepFirstVerdict, storedVerdict } from './verification-store.js';

/**
 * Answers the claim saga's `ledger` check: a submitted claim, and the saga's re-ask, get
 * `ledger.records.verified.v1`. The first verdict per claim is stored and republished on a re-ask, so a
 * claim is never judged twice on different facts. A chain that does not answer fails the handler, and the
 * message is retried with backoff.
 *
 * The parties' registrations travel on other streams than the claim and may not be here yet: until they
 * are, the answer is explicitly pending (no verdict, nothing stored), unless the ask is `final`. When to
 * insist is the saga's policy, not the bridge's.
 */
@Injectable()
export class VerificationHandlers {
  constructor(@Inject(LedgerChain) private readonly chain: LedgerChain) {}

  @HandleEvent(Subjects.claimSubmitted)
  async onClaimSubmitted(event: Envelope<ClaimSubmitted>, ctx: HandlerContext): Promise<void> {
    await this.verify(ctx, event.data, causedBy(event), false);
  }

  @HandleEvent(Subjects.checkRequested)
  async onCheckRequested(event: Envelope<CheckRequested>, ctx: HandlerContext): Promise<void> {
    if (event.data.check !== 'ledger') return;
    await this.verify(ctx, event.data.claim, causedBy(event), event.data.final === true);
  }

  private async verify({ manager, outbox }: HandlerContext, claim: ClaimSubmitted, cause: Causation, final: boolean) {
    let answer: RecordsVerified;
    const stored = await storedVerdict(manager, claim.claimId);
    if (stored) {
      answer = { claimId: claim.claimId, ...stored };
    } else {
      const parties = await addressesForClaim(manager, claim);
      if (!partiesKnown(parties, claim) && !final) {
        answer = { claimId: claim.claimId, verified: false, reason: null, pending: 'REGISTRATION_NOT_YET_SEEN' };
      } else {
        // An unknown party by a final ask cannot have consented: the verdict says so (CONSENT_MISSING).
        const decided = decideVerification(await readVerificationFacts(this.chain, claim, parties));
        answer = { claimId: claim.claimId, ...(await keepFirstVerdict(manager, claim.claimId, decided)) };
      }
    }
    await outbox.add(manager, Subjects.recordsVerified, answer, cause);
  }
}

function partiesKnown(parties: PartyAddresses, claim: ClaimSubmitted): boolean {
  return (
    parties.member !== null && parties.insurer !== null && (claim.records.length === 0 || parties.provider !== null)
  );
}
