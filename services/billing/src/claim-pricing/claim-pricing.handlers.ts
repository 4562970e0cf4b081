import { Inject, Injectable, Logger } from '@nestjs/common';
import { causedBy, Subjects, type ClaimDecided, type Envelope, type SettlementRequested } from '#libs/contracts';
import { HandleEvent, type HandlerContext } from '#libs/messaging';
import { BILLING_CONFIG, type BillingConfig } from '../config/billing-config.js';
import { priceApprovedClaim } from './price-approved-claim.js';
import { reannounceSettlement } from './reannounce-settlement.js';

/**
 * Prices a claim the saga approved (`claims.claim.decided.v1`), once per claim however often the
 * decision is delivered or republished. A denied claim has nothing to price. When the saga asks again
 * (`claims.settlement.requested.v1`), a claim not yet priced is priced from the request, and one already
 * priced has its pricing and payout request announced again.
 */
@Injectable()
export class ClaimPricingHandlers {
  private readonly logger = new Logger('ClaimPricing');

  constructor(@Inject(BILLING_CONFIG) private readonly config: BillingConfig) {}

  @HandleEvent(Subjects.claimDecided)
  async onClaimDecided(event: Envelope<ClaimDecided>, { manager, outbox }: HandlerContext): Promise<void> {
    if (event.data.status !== 'approved') return;
    await this.price(event.data, event, { manager, outbox });
  }

  @HandleEvent(Subjects.settlementRequested)
  async onSettlementRequested(
    event: Envelope<SettlementRequested>,
    { manager, outbox }: HandlerContext,
  ): Promise<void> {
    const { decided, stage } = event.data;
    if (decided.status !== 'approved') return;
    const outcome = await reannounceSettlement(manager, outbox, decided.claimId, causedBy(event));
    if (outcome === 'not-priced') await this.price(decided, event, { manager, outbox });
    else if (outcome === 'payout-awaiting-provider') {
      this.logger.warn(
        `the saga asks for the ${stage} of claim ${decided.claimId}, which ${this.awaitingProvider(decided)}`,
      );
    }
  }

  private async price(
    claim: ClaimDecided,
    cause: Envelope,
    { manager, outbox }: Pick<HandlerContext, 'manager' | 'outbox'>,
  ) {
    const outcome = await priceApprovedClaim(manager, outbox, claim, causedBy(cause), {
      symbol: this.config.tokenSymbol,
      decimals: this.config.tokenDecimals,
    });
    if (outcome === 'payout-awaiting-provider')
      this.logger.warn(`claim ${claim.claimId} ${this.awaitingProvider(claim)}`);
  }

  private awaitingProvider(claim: ClaimDecided): string {
    return (
      `is priced but provider ${claim.providerId} has no registered address: ` +
      'its payout waits until the provider is registered'
    );
  }
}
