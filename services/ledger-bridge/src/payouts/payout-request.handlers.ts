import { Injectable } from '@nestjs/common';
import { causedBy, Subjects, type Envelope, type PayoutRequested, type PayoutSettled } from '#libs/contracts';
import { HandleEvent, type HandlerContext } from '#libs/messaging';
import { insertPendingPayout, settledPayoutsOfClaim } from './payout-store.js';

/**
 * Takes billing's payout requests into the payout ledger as `pending`; the settlement worker does the
 * rest. One payout per claim, ever: a repeated request (same payout or same claim) adds nothing, and if
 * that payout is already settled its outcome is announced again, in case the first announcement was lost.
 */
@Injectable()
export class PayoutRequestHandlers {
  @HandleEvent(Subjects.payoutRequested)
  async onPayoutRequested(event: Envelope<PayoutRequested>, { manager, outbox }: HandlerContext): Promise<void> {
    const request = event.data;
    if (BigInt(request.tokenAmount) === 0n) return; // nothing payable: the contract refuses zero payouts
    if (await insertPendingPayout(manager, request)) return;
    for (const payout of await settledPayoutsOfClaim(manager, request.claimId)) {
      const again: PayoutSettled = {
        payoutId: payout.payout_id,
        claimId: request.claimId,
        txHash: payout.tx_hash,
        blockNumber: Number(payout.block_number),
        tokenAmount: payout.token_amount,
      };
      await outbox.add(manager, Subjects.payoutSettled, again, causedBy(event));
    }
  }
}
