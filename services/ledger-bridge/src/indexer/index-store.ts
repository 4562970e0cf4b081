import { affectedRows } from '#libs/persistence';
import type { EntityManager } from 'typeorm';
import type { IndexedEvent } from './decode-event.js';

/** A block the index kept, with the hash it had when its events were read. */
export interface IndexedBlock {
  number: string;
  hash: string;
}

/** The newest indexed block, or none before the first round. */
export async function newestIndexedBlock(manager: EntityManager): Promise<IndexedBlock | undefined> {
  const rows: IndexedBlock[] = await manager.query(
    `SELECT number, hash FROM indexed_blocks ORDER BY number DESC LIMIT 1`,
  );
  return rows[0];
}

/** Every indexed block, newest first: where a walk back to the fork point looks. */
export async function indexedBlocksNewestFirst(manager: EntityManager): Promise<IndexedBlock[]> {
  return manager.query(`SELECT number, hash FROM indexed_blocks ORDER BY number DESC`);
}

/** Forgets the blocks above the fork point; returns how many went. */
export async function forgetBlocksAbove(manager: EntityManager, forkPoint: number): Promise<number> {
  return affectedRows(manager, `DELETE FROM indexed_blocks WHERE number > $1`, [forkPoint]);
}

export async function insertIndexedBlock(manager: EntityManager, number: number, hash: string): Promise<void> {
  await manager.query(`INSERT INTO indexed_blocks (number, hash) VALUES ($1, $2)`, [number, hash]);
}

export async function insertChainEvent(
  manager: EntityManager,
  log: { blockNumber: number; index: number; transactionHash: string },
  event: IndexedEvent,
): Promise<void> {
  await manager.query(
    `INSERT INTO chain_events (block_number, log_index, tx_hash, kind, key, data) VALUES ($1, $2, $3, $4, $5, $6)`,
    [log.blockNumber, log.index, log.transactionHash, event.kind, event.key, JSON.stringify(event.data)],
  );
}

/** Where the index saw an event of `kind` under `key` (e.g. a record's anchor), if it did. */
export async function indexedEventOf(
  manager: EntityManager,
  kind: IndexedEvent['kind'],
  key: string,
): Promise<{ tx_hash: string; block_number: string } | undefined> {
  const rows: { tx_hash: string; block_number: string }[] = await manager.query(
    `SELECT tx_hash, block_number FROM chain_events WHERE kind = $1 AND key = $2`,
    [kind, key],
  );
  return rows[0];
}
