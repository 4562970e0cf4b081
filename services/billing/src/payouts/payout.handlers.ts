import { Injectable, Logger } from '@nestjs/common';
import { Subjects, type Envelope, type PayoutSettled } from '#libs/contracts';
import { HandleEvent, type HandlerContext } from '#libs/messaging';
import { paidEntries } from './payout-plan.js';
import { lockPayout, markSettled, postEntries } from './payout-store.js';

/** Records a payout the ledger bridge settled on chain: the payable to the provider is paid, once. */
@Injectable()
export class PayoutHandlers {
  private readonly logger = new Logger('PayoutLedger');

  @HandleEvent(Subjects.payoutSettled)
  async onPayoutSettled(event: Envelope<PayoutSettled>, { manager }: HandlerContext): Promise<void> {
    const { payoutId, claimId, txHash, blockNumber, tokenAmount } = event.data;
    const payout = await lockPayout(manager, payoutId);
    if (!payout || payout.claimId !== claimId) {
      // Another deployment's payout, or a forged one: nothing here to settle, and a retry would not change it.
      this.logger.warn(`settlement ${event.id} names payout ${payoutId} that billing does not hold`);
      return;
    }
    if (payout.tokenAmount !== tokenAmount) {
      this.logger.error(`payout ${payoutId} settled ${tokenAmount} token units, ${payout.tokenAmount} were requested`);
    }
    if (payout.status === 'settled') return;
    await postEntries(
      manager,
      claimId,
      payoutId,
      payout.currency,
      paidEntries(payout.insurerId, payout.providerId, payout.amount),
    );
    await markSettled(manager, payoutId, txHash, blockNumber);
  }
}
