import { id } from 'ethers';
import { waitFor } from '#libs/testing';
import { sha256Of, uniqueId } from './support/bridge-builders.js';
import { BridgeTestBed } from './support/bridge-test-bed.js';

/** The chain indexer on a private embedded chain, its reorganisations staged with evm_snapshot/evm_revert. */
describe('chain indexer', () => {
  let bed: BridgeTestBed;

  beforeAll(async () => {
    bed = await BridgeTestBed.open('lbidx');
    await bed.startBridge();
  });
  afterAll(async () => {
    await bed?.close();
  });

  const anchor = async (recordId: string) => {
    const clinic = bed.chain.account(3);
    const sent = await bed.contract('RecordRegistry', clinic).getFunction('anchor')(
      id(recordId),
      `0x${sha256Of(recordId)}`,
      bed.chain.account(5).address,
    );
    return (await sent.wait()) as { blockNumber: number; blockHash: string };
  };
  const indexedAnchors = async () =>
    (
      await bed.db.query<{ key: string; block_number: string }[]>(
        `SELECT key, block_number FROM chain_events WHERE kind = 'anchored' ORDER BY block_number, log_index`,
      )
    ).map((row) => row.key);
  const indexedHash = async (number: number) =>
    (await bed.db.query<{ hash: string }[]>(`SELECT hash FROM indexed_blocks WHERE number = $1`, [number]))[0]?.hash;

  it('indexes anchors and deposits with the hash of their block', async () => {
    const receipt = await anchor(uniqueId('REC'));
    await waitFor(async () => (await indexedHash(receipt.blockNumber)) === receipt.blockHash, {
      what: 'the anchor indexed',
    });
    const insurer = uniqueId('INS');
    await bed.fund(insurer, 5n);
    await waitFor(
      async () =>
        (
          await bed.db.query<unknown[]>(`SELECT 1 FROM chain_events WHERE kind = 'deposited' AND key = $1`, [
            id(insurer),
          ])
        ).length === 1,
      { what: 'the deposit indexed' },
    );
  });

  it('re-indexes from the fork point after a reorganisation', async () => {
    const kept = uniqueId('REC-KEPT');
    await anchor(kept);
    const snapshot: string = await bed.chain.provider.send('evm_snapshot', []);
    const orphaned = uniqueId('REC-ORPHAN');
    const orphanReceipt = await anchor(orphaned);
    await waitFor(async () => (await indexedAnchors()).includes(id(orphaned)), {
      what: 'the soon orphaned anchor indexed',
    });

    // The other branch: back to before the orphan, then a different block at its height and one more.
    await bed.chain.provider.send('evm_revert', [snapshot]);
    const replacement = uniqueId('REC-NEW');
    const newReceipt = await anchor(replacement);
    await bed.chain.provider.send('evm_mine', []);
    expect(newReceipt.blockNumber).toBe(orphanReceipt.blockNumber);
    expect(newReceipt.blockHash).not.toBe(orphanReceipt.blockHash);

    await waitFor(async () => (await indexedAnchors()).includes(id(replacement)), { what: 'the new branch indexed' });
    const anchors = await indexedAnchors();
    expect(anchors).toContain(id(kept));
    expect(anchors).not.toContain(id(orphaned));
    expect(await indexedHash(newReceipt.blockNumber)).toBe(newReceipt.blockHash);
  });
});
