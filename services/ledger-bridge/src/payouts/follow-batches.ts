import { Logger } from '@nestjs/common';
import { Transaction, type TransactionReceipt } from 'ethers';
import type { Outbox } from '#libs/messaging';
import { inTransaction } from '#libs/persistence';
import type { DataSource } from 'typeorm';
import type { LedgerChain } from '../chain/ledger-chain.js';
import {
  attemptsOf,
  insertReplacementAttempt,
  markAttemptBroadcast,
  markBatchMined,
  markBatchReleased,
  markBatchUnmined,
  openBatches,
  type AttemptRow,
  type BatchRow,
  type Fence,
} from './batch-store.js';
import { broadcastRaw } from './broadcast.js';
import { bumpFees } from './bump-fees.js';
import { announceFailed, markBroadcast } from './payout-events.js';
import { confirmBatch } from './confirm-batch.js';
import { returnToWaiting } from './payout-store.js';

export interface FollowSettings {
  confirmations: number;
  stuckAfterMs: number;
}

/**
 * Follows every batch whose transaction is not final, from what is stored, so the same code runs after a
 * restart as in steady state: a signed transaction the node does not know is broadcast (again), a mined one
 * is recorded, one left unmined too long is replaced with bumped fees under the same nonce, and one whose
 * nonce went to another transaction is released so its payouts go into a new batch.
 */
export class BatchFollower {
  private readonly logger = new Logger('BatchFollower');

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly chain: LedgerChain,
    private readonly settings: FollowSettings,
    private readonly fence: Fence,
  ) {}

  /** True while a batch is still unmined: the worker then signs nothing new. */
  async followAll(): Promise<boolean> {
    let unmined = false;
    for (const batch of await openBatches(this.dataSource.manager)) {
      if (batch.status === 'mined') await this.confirmWhenDeep(batch);
      else unmined = (await this.followUnmined(batch)) || unmined;
    }
    return unmined;
  }

  private async followUnmined(batch: BatchRow): Promise<boolean> {
    const { provider, signer } = this.chain.client;
    const attempts = await attemptsOf(this.dataSource.manager, batch.id);
    const receipt = await this.receiptOfAny(attempts);
    if (receipt) {
      await this.recordMined(batch, receipt);
      return false;
    }
    if ((await provider.getTransactionCount(signer.address, 'latest')) > Number(batch.nonce)) {
      // The nonce is used; look once more in case our transaction was mined between the two calls.
      const late = await this.receiptOfAny(attempts);
      if (late) await this.recordMined(batch, late);
      else await this.release(batch, 'dropped');
      return false;
    }
    const latest = attempts[attempts.length - 1];
    const known: unknown = await provider.send('eth_getTransactionByHash', [latest.tx_hash]);
    if (!known) {
      this.logger.warn(
        `batch ${batch.id}: the node does not know ${latest.tx_hash}; broadcasting the stored transaction`,
      );
      await broadcastRaw(provider, latest.raw_tx);
      await inTransaction(this.dataSource, (manager) => markBroadcast(manager, this.outbox, batch.id, latest.tx_hash));
    } else if (batch.status === 'signed' || !latest.broadcast_at) {
      await inTransaction(this.dataSource, (manager) => markBroadcast(manager, this.outbox, batch.id, latest.tx_hash));
    } else if (Date.now() - latest.broadcast_at.getTime() > this.settings.stuckAfterMs) {
      await this.replace(batch, latest);
    }
    return true;
  }

  private async receiptOfAny(attempts: AttemptRow[]): Promise<TransactionReceipt | null> {
    for (const attempt of attempts) {
      const receipt = await this.chain.client.provider.getTransactionReceipt(attempt.tx_hash);
      if (receipt) return receipt;
    }
    return null;
  }

  private async recordMined(batch: BatchRow, receipt: TransactionReceipt): Promise<void> {
    if (receipt.status !== 1) {
      this.logger.warn(`batch ${batch.id}: ${receipt.hash} reverted; its payouts wait for another batch`);
      await this.release(batch, 'reverted');
      return;
    }
    await markBatchMined(this.dataSource.manager, batch.id, receipt);
    await this.confirmWhenDeep({
      ...batch,
      status: 'mined',
      tx_hash: receipt.hash,
      block_number: String(receipt.blockNumber),
      block_hash: receipt.blockHash,
    });
  }

  private async confirmWhenDeep(batch: BatchRow): Promise<void> {
    const { provider } = this.chain.client;
    const head = await provider.getBlockNumber();
    // Confirmations as usual: the block holding the transaction counts as the first.
    const depth = head - Number(batch.block_number) + 1;
    if (depth < this.settings.confirmations) return;
    const receipt = batch.tx_hash ? await provider.getTransactionReceipt(batch.tx_hash) : null;
    if (!receipt || receipt.blockHash !== batch.block_hash) {
      // Reorganised away: follow it again as unmined (it is rebroadcast if the node lost it).
      this.logger.warn(`batch ${batch.id}: ${batch.tx_hash} left block ${batch.block_number}; following it again`);
      await markBatchUnmined(this.dataSource.manager, batch.id);
      return;
    }
    await confirmBatch(this.dataSource, this.outbox, this.chain, batch, receipt, depth);
  }

  private async release(batch: BatchRow, status: 'dropped' | 'reverted'): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      await markBatchReleased(manager, batch.id, status);
      const released = await returnToWaiting(manager, batch.id);
      if (status !== 'reverted') return;
      for (const payout of released) {
        await announceFailed(
          this.outbox,
          manager,
          { payoutId: payout.payout_id, claimId: payout.claim_id },
          'REVERTED',
        );
      }
    });
  }

  /** Same nonce, same call, fees bumped: whichever version is mined pays, the other can never be. */
  private async replace(batch: BatchRow, latest: AttemptRow): Promise<void> {
    const { provider, signer } = this.chain.client;
    const previous = Transaction.from(latest.raw_tx);
    const network = await provider.getFeeData();
    const fees = bumpFees(
      { maxFeePerGas: BigInt(latest.max_fee_per_gas), maxPriorityFeePerGas: BigInt(latest.max_priority_fee_per_gas) },
      { maxFeePerGas: network.maxFeePerGas ?? 0n, maxPriorityFeePerGas: network.maxPriorityFeePerGas ?? 0n },
    );
    const raw = await signer.signTransaction({
      type: 2,
      chainId: previous.chainId,
      nonce: previous.nonce,
      to: previous.to,
      data: previous.data,
      gasLimit: previous.gasLimit,
      ...fees,
    });
    const txHash = Transaction.from(raw).hash as string;
    await inTransaction(this.dataSource, async (manager) => {
      await this.fence(manager);
      await insertReplacementAttempt(manager, batch.id, { txHash, raw, ...fees });
    });
    this.logger.warn(`batch ${batch.id}: ${latest.tx_hash} stuck; replaced by ${txHash} under nonce ${batch.nonce}`);
    await broadcastRaw(provider, raw);
    await markAttemptBroadcast(this.dataSource.manager, txHash);
  }
}
