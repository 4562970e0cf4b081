import { Logger } from '@nestjs/common';
import type { Log } from 'ethers';
import { inTransaction } from '#libs/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import type { LedgerChain } from '../chain/ledger-chain.js';
import { indexedEvent } from './decode-event.js';
import {
  forgetBlocksAbove,
  indexedBlocksNewestFirst,
  insertChainEvent,
  insertIndexedBlock,
  newestIndexedBlock,
} from './index-store.js';

/** Most blocks read per round, so one round stays one short transaction. */
const RANGE = 500;

/**
 * Indexes the registries' and the escrow's events into PostgreSQL with the hash of every block it keeps.
 * Before each round it checks that the newest indexed block is still on the chain; if not (a reorganisation),
 * it walks back to the newest block whose hash still matches, the fork point, deletes everything above it
 * and indexes again from there.
 */
export class ChainIndexer {
  private readonly logger = new Logger('ChainIndexer');

  constructor(
    private readonly dataSource: DataSource,
    private readonly chain: LedgerChain,
    /** Throws unless this instance still leads (one indexer at a time); none in tests of the indexer alone. */
    private readonly fence: (manager: EntityManager) => Promise<void> = async () => undefined,
  ) {}

  /** True when it indexed up to the chain's head. */
  async indexRound(): Promise<boolean> {
    const provider = this.chain.client.provider;
    const last = await this.unwindToForkPoint();
    const head = await provider.getBlockNumber();
    if (head <= last) return true;
    const from = last + 1;
    const to = Math.min(head, last + RANGE);
    const contracts = this.chain.contracts;
    const logs = await provider.getLogs({
      address: [contracts.recordRegistry, contracts.consentRegistry, contracts.settlement],
      fromBlock: from,
      toBlock: to,
    });
    const hashes = new Map<number, string>();
    for (const number of new Set([...logs.map((log) => log.blockNumber), to])) {
      const block = await provider.getBlock(number);
      if (!block?.hash) return false;
      hashes.set(number, block.hash);
    }
    // A log from a block that is no longer the one at its height: the chain moved under us, read again.
    if (logs.some((log) => hashes.get(log.blockNumber) !== log.blockHash)) return false;
    await inTransaction(this.dataSource, async (manager) => {
      await this.fence(manager);
      for (const [number, hash] of hashes) await insertIndexedBlock(manager, number, hash);
      for (const log of logs) await this.insertEvent(manager, log);
    });
    return to === head;
  }

  private async insertEvent(manager: DataSource['manager'], log: Log): Promise<void> {
    const parsed = [this.chain.records, this.chain.consents, this.chain.settlement]
      .map((contract) => contract.interface.parseLog({ topics: [...log.topics], data: log.data }))
      .find((candidate) => candidate !== null);
    const event = parsed ? indexedEvent(parsed) : null;
    if (!event) return;
    await insertChainEvent(manager, log, event);
  }

  /** The newest indexed block still on the chain (deleting those above it); the deployment block - 1 at first. */
  private async unwindToForkPoint(): Promise<number> {
    const provider = this.chain.client.provider;
    const start = this.chain.contracts.fromBlock - 1;
    const newest = await newestIndexedBlock(this.dataSource.manager);
    if (!newest) return start;
    if ((await provider.getBlock(Number(newest.number)))?.hash === newest.hash) return Number(newest.number);
    // Walk back over the blocks we kept until one still matches.
    let forkPoint = start;
    for (const block of await indexedBlocksNewestFirst(this.dataSource.manager)) {
      const number = Number(block.number);
      if ((await provider.getBlock(number))?.hash === block.hash) {
        forkPoint = number;
        break;
      }
    }
    const removed = await inTransaction(this.dataSource, async (manager) => {
      await this.fence(manager);
      return forgetBlocksAbove(manager, forkPoint);
    });
    this.logger.warn(`reorganisation: ${removed} indexed block(s) above ${forkPoint} left the chain; indexing again`);
    return forkPoint;
  }
}
