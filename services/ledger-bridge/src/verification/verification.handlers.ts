import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  causedBy,
  Subjects,
  type Causation,
  type CheckRequested,
  type ClaimSubmitted,
  type Envelope,
  type RecordsVerified,
} from '#libs/contracts';
import { HandleEvent, type HandlerContext, type Outbox } from '#libs/messaging';
import type { EntityManager } from 'typeorm';
import { LedgerChain } from '../chain/ledger-chain.js';
import { addressesForClaim, type PartyAddresses } from '../directory/directory-store.js';
import { readVerificationFacts } from './chain-facts.js';
import { decideVerification } from './decide-verification.js';

/**
 * Answers the claim saga's `ledger` check: a submitted claim, and the saga's re-ask, get
 * `ledger.records.verified.v1`. The first verdict per claim is stored and republished on a re-ask, so a
 * claim is never judged twice on different facts. A chain that does not answer fails the handler, and the
 * message is retried with backoff.
 */
/** The ask at which a claim whose member, insurer or provider is still unknown here is judged anyway. */
const DECIDE_UNKNOWN_PARTIES_AT_ATTEMPT = 3;

function partiesKnown(parties: PartyAddresses, claim: ClaimSubmitted): boolean {
  return (
    parties.member !== null && parties.insurer !== null && (claim.records.length === 0 || parties.provider !== null)
  );
}

@Injectable()
export class VerificationHandlers {
  private readonly logger = new Logger('Verification');

  constructor(@Inject(LedgerChain) private readonly chain: LedgerChain) {}

  @HandleEvent(Subjects.claimSubmitted)
  async onClaimSubmitted(event: Envelope<ClaimSubmitted>, { manager, outbox }: HandlerContext): Promise<void> {
    await this.verify(manager, outbox, event.data, causedBy(event), 1);
  }

  @HandleEvent(Subjects.checkRequested)
  async onCheckRequested(event: Envelope<CheckRequested>, { manager, outbox }: HandlerContext): Promise<void> {
    if (event.data.check !== 'ledger') return;
    await this.verify(manager, outbox, event.data.claim, causedBy(event), event.data.attempt);
  }

  private async verify(
    manager: EntityManager,
    outbox: Outbox,
    claim: ClaimSubmitted,
    cause: Causation,
    attempt: number,
  ) {
    const stored: { verified: boolean; reason: RecordsVerified['reason'] }[] = await manager.query(
      `SELECT verified, reason FROM verifications WHERE claim_id = $1`,
      [claim.claimId],
    );
    let verdict = stored[0];
    if (!verdict) {
      const parties = await addressesForClaim(manager, claim);
      if (!partiesKnown(parties, claim) && attempt < DECIDE_UNKNOWN_PARTIES_AT_ATTEMPT) {
        // The parties' registrations travel on other streams and may simply not be here yet: answer
        // nothing, and the saga asks again on its deadline. Still unknown by then, the claim is judged.
        this.logger.warn(`claim ${claim.claimId}: parties not known yet (attempt ${attempt}); waiting for a re-ask`);
        return;
      }
      const decided = decideVerification(await readVerificationFacts(this.chain, claim, parties));
      // A concurrent submission and re-ask of one claim: whichever stored first is the verdict both publish.
      const kept: { verified: boolean; reason: RecordsVerified['reason'] }[] = await manager.query(
        `INSERT INTO verifications (claim_id, verified, reason) VALUES ($1, $2, $3)
         ON CONFLICT (claim_id) DO UPDATE SET claim_id = EXCLUDED.claim_id
         RETURNING verified, reason`,
        [claim.claimId, decided.verified, decided.reason],
      );
      verdict = kept[0];
    }
    const answer: RecordsVerified = { claimId: claim.claimId, verified: verdict.verified, reason: verdict.reason };
    await outbox.add(manager, Subjects.recordsVerified, answer, cause);
  }
}
