import { Inject, Injectable, Logger } from '@nestjs/common';
import { causedBy, Subjects, type ClaimDecided, type Envelope } from '#libs/contracts';
import { HandleEvent, type HandlerContext } from '#libs/messaging';
import { BILLING_CONFIG, type BillingConfig } from '../config/billing-config.js';
import { priceApprovedClaim } from './price-approved-claim.js';

/**
 * Prices a claim the saga approved (`claims.claim.decided.v1`), once per claim however often the
 * decision is delivered or republished. A denied claim has nothing to price.
 */
@Injectable()
export class ClaimPricingHandlers {
  private readonly logger = new Logger('ClaimPricing');

  constructor(@Inject(BILLING_CONFIG) private readonly config: BillingConfig) {}

  @HandleEvent(Subjects.claimDecided)
  async onClaimDecided(event: Envelope<ClaimDecided>, { manager, outbox }: HandlerContext): Promise<void> {
    if (event.data.status !== 'approved') return;
    const outcome = await priceApprovedClaim(manager, outbox, event.data, causedBy(event), {
      symbol: this.config.tokenSymbol,
      decimals: this.config.tokenDecimals,
    });
    if (outcome === 'payout-awaiting-provider') {
      this.logger.warn(
        `claim ${event.data.claimId} is priced but provider ${event.data.providerId} has no registered address: ` +
          'its payout waits until the provider is registered',
      );
    }
  }
}
