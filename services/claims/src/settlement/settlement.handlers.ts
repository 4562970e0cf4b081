import { Injectable, Logger } from '@nestjs/common';
import {
  Subjects,
  type ClaimPriced,
  type Envelope,
  type PayoutFailed,
  type PayoutRequested,
  type PayoutSettled,
  type PayoutSubmitted,
} from '#libs/contracts';
import { HandleEvent, type HandlerContext } from '#libs/messaging';
import { afterCommit } from '#libs/persistence';
import { recordSettlement } from '../metrics/claim-metrics.js';
import { BY_CLAIM } from '../saga/lock-order.js';
import { claimStatusAfter, payoutStatusAfter, type SettlementEvent } from './settlement-rules.js';
import {
  changeStatus,
  lockClaimStatus,
  payoutStatusOf,
  recordPricing,
  savePayout,
  type PayoutFacts,
} from './settlement-store.js';

/**
 * After the decision: billing's pricing and the ledger bridge's payout outcome, each applied under the
 * claim's row lock in the message's inbox transaction. A redelivered or late event changes nothing.
 */
@Injectable()
export class SettlementHandlers {
  private readonly logger = new Logger('ClaimSettlement');

  @HandleEvent(Subjects.claimPriced, BY_CLAIM)
  async onClaimPriced(event: Envelope<ClaimPriced>, { manager, subject }: HandlerContext): Promise<void> {
    const priced = event.data;
    const status = await lockClaimStatus(manager, priced.claimId);
    if (status === null) return this.notOurs(subject, event);
    const at = new Date();
    if (!(await recordPricing(manager, priced, at))) return;
    const change = claimStatusAfter(status, { kind: 'priced', planPays: priced.totals.planPays });
    if (!change) return;
    await changeStatus(manager, priced.claimId, change, at);
    const outcome = { claimId: priced.claimId, claimStatus: change.status, reason: change.reason };
    afterCommit(manager, () => recordSettlement({ ...outcome, payoutStatus: null, payoutId: null }));
  }

  @HandleEvent(Subjects.payoutRequested, BY_CLAIM)
  async onPayoutRequested(event: Envelope<PayoutRequested>, ctx: HandlerContext): Promise<void> {
    const { claimId, payoutId, tokenAmount, token } = event.data;
    await this.payout(event, ctx, claimId, { kind: 'payoutRequested' }, { payoutId, amount: tokenAmount, token });
  }

  @HandleEvent(Subjects.payoutSubmitted, BY_CLAIM)
  async onPayoutSubmitted(event: Envelope<PayoutSubmitted>, ctx: HandlerContext): Promise<void> {
    const { claimId, payoutId, txHash } = event.data;
    await this.payout(event, ctx, claimId, { kind: 'payoutSubmitted' }, { payoutId, txHash });
  }

  @HandleEvent(Subjects.payoutSettled, BY_CLAIM)
  async onPayoutSettled(event: Envelope<PayoutSettled>, ctx: HandlerContext): Promise<void> {
    const { claimId, payoutId, txHash, blockNumber, tokenAmount } = event.data;
    const facts = { payoutId, txHash, blockNumber, amount: tokenAmount };
    await this.payout(event, ctx, claimId, { kind: 'payoutSettled' }, facts);
  }

  @HandleEvent(Subjects.payoutFailed, BY_CLAIM)
  async onPayoutFailed(event: Envelope<PayoutFailed>, ctx: HandlerContext): Promise<void> {
    const { claimId, payoutId, reason } = event.data;
    await this.payout(event, ctx, claimId, { kind: 'payoutFailed', reason }, { payoutId, failureReason: reason });
  }

  private async payout(
    event: Envelope,
    { manager, subject }: HandlerContext,
    claimId: string,
    happened: SettlementEvent,
    facts: PayoutFacts,
  ): Promise<void> {
    const status = await lockClaimStatus(manager, claimId);
    if (status === null) return this.notOurs(subject, event);
    const at = new Date();
    const payoutBefore = await payoutStatusOf(manager, claimId);
    const payoutStatus = payoutStatusAfter(payoutBefore, happened);
    if (payoutStatus) await savePayout(manager, claimId, payoutStatus, facts, at);
    const change = claimStatusAfter(status, happened);
    if (change) await changeStatus(manager, claimId, change, at);
    // One line per payout outcome (settled, failed) that changed something, and per claim status change.
    const isOutcome = happened.kind === 'payoutSettled' || happened.kind === 'payoutFailed';
    if (!change && !(isOutcome && payoutStatus !== payoutBefore)) return;
    const outcome = {
      claimId,
      claimStatus: change?.status ?? null,
      payoutStatus,
      payoutId: facts.payoutId,
      reason: change?.reason ?? (happened.kind === 'payoutFailed' ? happened.reason : null),
    };
    afterCommit(manager, () => recordSettlement(outcome));
  }

  /** Another deployment's claim, or a test's: nothing to do, and retrying would not change that. */
  private notOurs(subject: string, event: Envelope): void {
    this.logger.warn(`${subject} ${event.id} names a claim this service does not hold`);
  }
}
