import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  causedBy,
  Subjects,
  type ClaimSubmitted,
  type CoverageDecided,
  type Envelope,
  type FlagDecided,
  type RecordsVerified,
  type ScreeningCompleted,
} from '#libs/contracts';
import { HandleEvent, type HandlerContext } from '#libs/messaging';
import { PhiCipher } from '#libs/phi';
import { BY_CLAIM } from './lock-order.js';
import { CLAIMS_CONFIG, type ClaimsConfig } from '../claims.config.js';
import { advanceSaga } from './advance-saga.js';
import type { SagaInput } from './claim-saga.js';
import { startReview } from './start-review.js';

/**
 * The saga's consumers: each turns a message into a saga input and advances the claim inside the
 * message's inbox transaction, so the effect and the "seen" mark commit together.
 */
@Injectable()
export class SagaHandlers {
  private readonly logger = new Logger('ClaimSaga');

  constructor(
    @Inject(CLAIMS_CONFIG) private readonly config: ClaimsConfig,
    @Inject(PhiCipher) private readonly cipher: PhiCipher,
  ) {}

  /**
   * The claims service reads its own submitted event to start the review (received → in_review),
   * through the one-statement form of the saga's first step (see `startReview`).
   */
  @HandleEvent(Subjects.claimSubmitted, BY_CLAIM)
  async onClaimSubmitted(event: Envelope<ClaimSubmitted>, ctx: HandlerContext): Promise<void> {
    await startReview(ctx.manager, event.data.claimId, new Date());
  }

  @HandleEvent(Subjects.coverageDecided, BY_CLAIM)
  async onCoverageDecided(event: Envelope<CoverageDecided>, ctx: HandlerContext): Promise<void> {
    const { claimId, insurerId, currency, planId } = event.data;
    const lines = event.data.lines.map(({ index, status, reason, category }) => ({ index, status, reason, category }));
    // ISO 4217 codes are upper case; the claims table insists on it.
    const answer = { check: 'coverage', insurerId, currency: currency?.toUpperCase() ?? null, planId, lines } as const;
    await this.advance(event, ctx, claimId, { type: 'checkAnswered', at: new Date(), answer });
  }

  @HandleEvent(Subjects.screeningCompleted, BY_CLAIM)
  async onScreeningCompleted(event: Envelope<ScreeningCompleted>, ctx: HandlerContext): Promise<void> {
    const { claimId, score, held, flagId } = event.data;
    const answer = { check: 'fraud', score, held, flagId } as const;
    await this.advance(event, ctx, claimId, { type: 'checkAnswered', at: new Date(), answer });
  }

  @HandleEvent(Subjects.recordsVerified, BY_CLAIM)
  async onRecordsVerified(event: Envelope<RecordsVerified>, ctx: HandlerContext): Promise<void> {
    const { claimId, verified, reason, pending } = event.data;
    // A pending answer is no verdict: the bridge cannot judge yet, and the saga decides when to insist.
    if (pending) return this.advance(event, ctx, claimId, { type: 'checkPending', at: new Date(), check: 'ledger' });
    const answer = { check: 'ledger', verified, reason } as const;
    await this.advance(event, ctx, claimId, { type: 'checkAnswered', at: new Date(), answer });
  }

  @HandleEvent(Subjects.flagDecided, BY_CLAIM)
  async onFlagDecided(event: Envelope<FlagDecided>, ctx: HandlerContext): Promise<void> {
    const { claimId, decision } = event.data;
    await this.advance(event, ctx, claimId, { type: 'flagDecided', at: new Date(), decision });
  }

  private async advance(event: Envelope, ctx: HandlerContext, claimId: string, input: SagaInput): Promise<void> {
    const { deadlines } = this.config;
    const outcome = await advanceSaga(ctx.manager, ctx.outbox, claimId, input, causedBy(event), deadlines, this.cipher);
    // Another deployment's claim, or a test's: nothing to do, and retrying would not change that.
    if (outcome === 'unknown-claim')
      this.logger.warn(`${ctx.subject} ${event.id} names a claim this service does not hold`);
  }
}
