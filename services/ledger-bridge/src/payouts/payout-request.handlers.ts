import { Injectable } from '@nestjs/common';
import { causedBy, Subjects, type Envelope, type PayoutRequested, type PayoutSettled } from '#libs/contracts';
import { HandleEvent, type HandlerContext } from '#libs/messaging';
import { getAddress } from 'ethers';

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
    const inserted: unknown[] = await manager.query(
      `INSERT INTO payouts (payout_id, claim_id, insurer_id, provider_id, payee, token_amount, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending') ON CONFLICT DO NOTHING RETURNING payout_id`,
      [
        request.payoutId,
        request.claimId,
        request.insurerId,
        request.providerId,
        getAddress(request.payee),
        request.tokenAmount,
      ],
    );
    if (inserted.length > 0) return;
    const settled: { payout_id: string; tx_hash: string; block_number: string; token_amount: string }[] =
      await manager.query(
        `SELECT payout_id, tx_hash, block_number, token_amount FROM payouts WHERE claim_id = $1 AND status = 'settled'`,
        [request.claimId],
      );
    for (const payout of settled) {
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
