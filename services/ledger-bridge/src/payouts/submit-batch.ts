import { Logger } from '@nestjs/common';
import { Transaction } from 'ethers';
import type { Outbox } from '#libs/messaging';
import { inTransaction } from '#libs/persistence';
import type { DataSource } from 'typeorm';
import { onChainId } from '../chain/chain-client.js';
import type { LedgerChain } from '../chain/ledger-chain.js';
import { allocateNonce } from '../chain/signer-nonces.js';
import { insertSignedBatch, type Fence } from './batch-store.js';
import { broadcastRaw } from './broadcast.js';
import { announceFailed, markBroadcast } from './payout-events.js';
import { insurersWithWaitingPayouts, markAwaitingFunds, takeIntoBatch, waitingPayouts } from './payout-store.js';
import { planBatch, type WaitingPayout } from './plan-batch.js';

/**
 * Builds, signs, stores and broadcasts the next `settleBatch` for the first insurer whose escrow covers
 * any of its waiting payouts. The signed raw transaction is committed before it is broadcast, so a crash
 * in between leaves something to rebroadcast rather than a payout signed twice under two nonces.
 */
export class BatchSubmitter {
  private readonly logger = new Logger('BatchSubmitter');

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly chain: LedgerChain,
    private readonly batchSize: number,
    private readonly fence: Fence,
  ) {}

  /** True when a batch was submitted. */
  async submitNext(): Promise<boolean> {
    for (const insurerId of await insurersWithWaitingPayouts(this.dataSource.manager)) {
      const waiting = await waitingPayouts(this.dataSource.manager, insurerId, this.batchSize * 4);
      const escrow = (await this.chain.settlement.getFunction('escrowOf')(onChainId(insurerId))) as bigint;
      const plan = planBatch(waiting, escrow, this.batchSize);
      if (plan.newlyUnfunded.length > 0) await this.markUnfunded(plan.newlyUnfunded);
      if (plan.batch.length === 0) continue;
      await this.submit(insurerId, plan.batch);
      return true;
    }
    return false;
  }

  private async markUnfunded(payouts: WaitingPayout[]): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const newlyWaiting = await markAwaitingFunds(
        manager,
        payouts.map((payout) => payout.payoutId),
      );
      for (const row of newlyWaiting) {
        await announceFailed(
          this.outbox,
          manager,
          { payoutId: row.payout_id, claimId: row.claim_id },
          'INSUFFICIENT_ESCROW',
        );
      }
    });
  }

  private async submit(insurerId: string, batch: WaitingPayout[]): Promise<void> {
    const { provider, signer, chainId } = this.chain.client;
    const to = this.chain.contracts.settlement;
    const data = this.chain.settlement.interface.encodeFunctionData('settleBatch', [
      onChainId(insurerId),
      batch.map((payout) => onChainId(payout.claimId)),
      batch.map((payout) => payout.payee),
      batch.map((payout) => payout.tokenAmount),
    ]);
    // Estimating also simulates: a batch that would revert (paused, escrow moved) is never signed.
    const gas = await provider.estimateGas({ from: signer.address, to, data });
    const fees = await provider.getFeeData();
    const chainPending = await provider.getTransactionCount(signer.address, 'pending');
    const maxPriorityFeePerGas = fees.maxPriorityFeePerGas ?? 1_000_000_000n;
    const maxFeePerGas = fees.maxFeePerGas ?? maxPriorityFeePerGas * 2n;

    const signed = await inTransaction(this.dataSource, async (manager) => {
      // Only the current leader reserves a nonce; a stale one's transaction rolls back here.
      await this.fence(manager);
      const nonce = await allocateNonce(manager, signer.address, chainPending);
      const raw = await signer.signTransaction({
        type: 2,
        chainId,
        nonce: Number(nonce),
        to,
        data,
        gasLimit: (gas * 12n) / 10n + 10_000n,
        maxFeePerGas,
        maxPriorityFeePerGas,
      });
      const txHash = Transaction.from(raw).hash as string;
      const batchId = await insertSignedBatch(
        manager,
        { insurerId, signer: signer.address, nonce },
        { txHash, raw, maxFeePerGas, maxPriorityFeePerGas },
      );
      const taken = await takeIntoBatch(
        manager,
        batch.map((payout) => payout.payoutId),
        batchId,
      );
      if (taken !== batch.length) throw new Error('payouts changed while the batch was built; building it again');
      return { batchId, txHash, raw };
    });
    this.logger.log(`signed batch ${signed.batchId} of ${batch.length} payout(s) for ${insurerId}: ${signed.txHash}`);
    await broadcastRaw(provider, signed.raw);
    await inTransaction(this.dataSource, (manager) =>
      markBroadcast(manager, this.outbox, signed.batchId, signed.txHash),
    );
  }
}
