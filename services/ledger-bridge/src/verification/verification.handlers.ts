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
import { HandleEvent, type GatherContext, type HandlerContext } from '#libs/messaging';
import { LedgerChain } from '../chain/ledger-chain.js';
import { decideVerification } from './decide-verification.js';
import { gatherVerification, type VerificationGathered } from './gather-verification.js';
import { keepFirstVerdict } from './verification-store.js';

/**
 * Answers the claim saga's `ledger` check: a submitted claim, and the saga's re-ask, get
 * `ledger.records.verified.v1`. The first verdict per claim is stored and republished on a re-ask, so a
 * claim is never judged twice on different facts. A chain that does not answer fails the handler, and the
 * message is retried with backoff.
 *
 * The parties' registrations travel on other streams than the claim and may not be here yet: until they
 * are, the answer is explicitly pending (no verdict, nothing stored), unless the ask is `final`. When to
 * insist is the saga's policy, not the bridge's.
 *
 * Two phases: the `gather*` methods read the stored verdict, the parties and the chain before the message's
 * transaction opens (`gatherVerification`); the handlers then only store and publish, so no database
 * connection or lock waits on the chain.
 */
@Injectable()
export class VerificationHandlers {
  constructor(@Inject(LedgerChain) private readonly chain: LedgerChain) {}

  async gatherSubmitted(event: Envelope<ClaimSubmitted>, { dataSource }: GatherContext): Promise<VerificationGathered> {
    return gatherVerification(this.chain, dataSource.manager, event.data, false);
  }

  @HandleEvent(Subjects.claimSubmitted, { gather: 'gatherSubmitted' })
  async onClaimSubmitted(event: Envelope<ClaimSubmitted>, ctx: HandlerContext<VerificationGathered>): Promise<void> {
    await this.answer(ctx, event.data.claimId, ctx.gathered, causedBy(event));
  }

  /** Null for a check other than `ledger`: nothing to read, nothing to answer. */
  async gatherCheck(
    event: Envelope<CheckRequested>,
    { dataSource }: GatherContext,
  ): Promise<VerificationGathered | null> {
    if (event.data.check !== 'ledger') return null;
    return gatherVerification(this.chain, dataSource.manager, event.data.claim, event.data.final === true);
  }

  @HandleEvent(Subjects.checkRequested, { gather: 'gatherCheck' })
  async onCheckRequested(
    event: Envelope<CheckRequested>,
    ctx: HandlerContext<VerificationGathered | null>,
  ): Promise<void> {
    if (ctx.gathered === null) return;
    await this.answer(ctx, event.data.claim.claimId, ctx.gathered, causedBy(event));
  }

  /**
   * Publishes the answer in the message's transaction. A verdict decided here is stored unless another
   * delivery of the same claim stored one since the gather read none: the first stored is the one published.
   */
  private async answer(
    { manager, outbox }: HandlerContext<unknown>,
    claimId: string,
    gathered: VerificationGathered,
    cause: Causation,
  ): Promise<void> {
    let answer: RecordsVerified;
    if (gathered.kind === 'stored') {
      answer = { claimId, ...gathered.verdict };
    } else if (gathered.kind === 'pending') {
      answer = { claimId, verified: false, reason: null, pending: 'REGISTRATION_NOT_YET_SEEN' };
    } else {
      answer = { claimId, ...(await keepFirstVerdict(manager, claimId, decideVerification(gathered.facts))) };
    }
    await outbox.add(manager, Subjects.recordsVerified, answer, cause);
  }
}
