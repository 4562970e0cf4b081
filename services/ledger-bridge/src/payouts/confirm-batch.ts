import type { TransactionReceipt } from 'ethers';
import type { Outbox } from '#libs/messaging';
import { inTransaction } from '#libs/persistence';
import type { DataSource } from 'typeorm';
import { onChainId } from '../chain/chain-client.js';
import type { LedgerChain } from '../chain/ledger-chain.js';
import { countConfirmedBatch } from '../metrics/payout-counters.js';
import { markBatchConfirmed, type BatchRow } from './batch-store.js';
import { markSettled } from './payout-events.js';
import { payoutsOf } from './payout-store.js';

/**
 * Settles a batch's payouts once its transaction is deep enough (`depth` blocks, counting its own). A claim the
 * contract skipped was paid before (the once-per-claim rule): it counts as paid, by the transaction that paid
 * it, never again.
 */
export async function confirmBatch(
  dataSource: DataSource,
  outbox: Outbox,
  chain: LedgerChain,
  batch: BatchRow,
  receipt: TransactionReceipt,
  depth: number,
): Promise<void> {
  const settledHere = new Set<string>();
  const settlementAddress = chain.contracts.settlement.toLowerCase();
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== settlementAddress) continue;
    const parsed = chain.settlement.interface.parseLog({ topics: [...log.topics], data: log.data });
    if (parsed?.name === 'Settled') settledHere.add(String(parsed.args[1]));
  }
  const payouts = await payoutsOf(dataSource.manager, batch.id);
  const outcomes: { payout: (typeof payouts)[number]; where: { txHash: string; blockNumber: number } }[] = [];
  for (const payout of payouts) {
    const key = onChainId(payout.claim_id);
    const where = settledHere.has(key)
      ? { txHash: receipt.hash, blockNumber: receipt.blockNumber }
      : ((await earlierSettlement(chain, key)) ?? { txHash: receipt.hash, blockNumber: receipt.blockNumber });
    outcomes.push({ payout, where });
  }
  await inTransaction(dataSource, async (manager) => {
    for (const { payout, where } of outcomes) {
      await markSettled(manager, outbox, payout, { ...where, batchId: batch.id });
    }
    const secondsSinceBroadcast = await markBatchConfirmed(manager, batch.id);
    countConfirmedBatch(manager, { payouts: payouts.length, gasUsed: receipt.gasUsed, depth, secondsSinceBroadcast });
  });
}

/** The transaction that paid a claim first, found by the Settled event's indexed claim id. */
async function earlierSettlement(chain: LedgerChain, claimKey: string) {
  const filter = chain.settlement.filters.Settled(null, claimKey);
  const [first] = await chain.settlement.queryFilter(filter, chain.contracts.fromBlock, 'latest');
  return first ? { txHash: first.transactionHash, blockNumber: first.blockNumber } : null;
}
