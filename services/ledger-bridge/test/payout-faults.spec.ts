import { Subjects, type PayoutSettled } from '#libs/contracts';
import { Transaction, Wallet } from 'ethers';
import { sleep, waitFor } from '#libs/testing';
import { aPayoutRequest, uniqueId } from './support/bridge-builders.js';
import { BridgeTestBed } from './support/bridge-test-bed.js';

const TOKEN = 10n ** 18n;

/**
 * The bridge killed or cut off from the chain at the worst moments: every claim is still paid exactly once,
 * as the contract's settled amounts and the payees' balances show.
 */
describe('payouts through crashes and chain outages', () => {
  let bed: BridgeTestBed;

  beforeAll(async () => {
    bed = await BridgeTestBed.open('lbflt');
  });
  afterEach(async () => {
    bed.proxy.failing.clear();
    bed.proxy.down = false;
    await bed.bridge?.stop();
    await bed.chain.provider.send('evm_setAutomine', [true]);
  });
  afterAll(async () => {
    await bed?.close();
  });

  const aPayee = () => Wallet.createRandom().address;
  const attempts = async (claimId: string) =>
    bed.db.query<{ tx_hash: string; raw_tx: string; broadcast_at: Date | null }[]>(
      `SELECT a.tx_hash, a.raw_tx, a.broadcast_at FROM settlement_attempts a JOIN payouts p ON p.batch_id = a.batch_id
       WHERE p.claim_id = $1 ORDER BY a.signed_at`,
      [claimId],
    );

  async function expectPaidOnce(request: { claimId: string; payee: string }, amount: bigint) {
    const settled = await bed.waitForEvent<PayoutSettled>(Subjects.payoutSettled, request.claimId);
    expect(await bed.settledAmount(request.claimId)).toBe(amount);
    expect(await bed.balanceOf(request.payee)).toBe(amount);
    expect(
      new Set(bed.eventsOf<PayoutSettled>(Subjects.payoutSettled, request.claimId).map((e) => e.envelope.data.txHash))
        .size,
    ).toBe(1);
    const receipt = await bed.chain.provider.getTransactionReceipt(settled.txHash);
    expect(receipt?.status).toBe(1);
    return settled;
  }

  it('pays once when killed after signing and before the broadcast', async () => {
    const insurer = uniqueId('INS');
    await bed.fund(insurer, 100n * TOKEN);
    bed.proxy.failing.add('eth_sendRawTransaction');
    await bed.startBridge();
    const request = aPayoutRequest(insurer, aPayee(), 7n * TOKEN);
    await bed.publish(Subjects.payoutRequested, request);
    const [signed] = await waitFor(
      async () => ((await attempts(request.claimId)).length > 0 ? attempts(request.claimId) : undefined),
      {
        what: 'a signed, stored transaction',
      },
    );
    expect(signed.broadcast_at).toBeNull();
    await bed.bridge?.kill();
    expect(await bed.chain.provider.getTransaction(signed.tx_hash)).toBeNull();
    expect(await bed.settledAmount(request.claimId)).toBe(0n);

    bed.proxy.failing.clear();
    await bed.startBridge();
    const settled = await expectPaidOnce(request, 7n * TOKEN);
    // The stored transaction itself was broadcast, not a new one under another nonce.
    expect(settled.txHash).toBe(signed.tx_hash);
  });

  it('pays once when killed after the broadcast and before the receipt is recorded', async () => {
    const insurer = uniqueId('INS');
    await bed.fund(insurer, 100n * TOKEN);
    bed.proxy.failing.add('eth_getTransactionReceipt');
    await bed.startBridge();
    const request = aPayoutRequest(insurer, aPayee(), 9n * TOKEN);
    await bed.publish(Subjects.payoutRequested, request);
    // Mined on chain while the bridge cannot see its receipt.
    await waitFor(async () => (await bed.settledAmount(request.claimId)) > 0n, { what: 'the payout on chain' });
    await bed.bridge?.kill();
    expect(bed.eventsOf(Subjects.payoutSettled, request.claimId)).toHaveLength(0);

    bed.proxy.failing.clear();
    await bed.startBridge();
    await expectPaidOnce(request, 9n * TOKEN);
    const batches = await bed.db.query<{ n: number }[]>(
      `SELECT count(DISTINCT batch_id)::int AS n FROM settlement_attempts a
       WHERE a.batch_id IN (SELECT batch_id FROM payouts WHERE claim_id = $1)`,
      [request.claimId],
    );
    expect(batches[0].n).toBe(1);
  });

  it('resumes payouts by itself after the chain RPC was down for a while', async () => {
    const insurer = uniqueId('INS');
    await bed.fund(insurer, 100n * TOKEN);
    await bed.startBridge();
    bed.proxy.down = true;
    const requests = [aPayoutRequest(insurer, aPayee(), 2n * TOKEN), aPayoutRequest(insurer, aPayee(), 3n * TOKEN)];
    for (const request of requests) await bed.publish(Subjects.payoutRequested, request);
    await sleep(3000);
    for (const request of requests) expect(await bed.settledAmount(request.claimId)).toBe(0n);

    bed.proxy.down = false;
    await expectPaidOnce(requests[0], 2n * TOKEN);
    await expectPaidOnce(requests[1], 3n * TOKEN);
  });

  it('follows a batch reorganised out before its confirmations, paying once from the stored transaction', async () => {
    const insurer = uniqueId('INS');
    await bed.fund(insurer, 100n * TOKEN);
    await bed.startBridge({ CONFIRMATIONS: '2' });
    const snapshot: string = await bed.chain.provider.send('evm_snapshot', []);
    const request = aPayoutRequest(insurer, aPayee(), 6n * TOKEN);
    await bed.publish(Subjects.payoutRequested, request);
    const mined = await waitFor(
      async () => {
        const rows = await bed.db.query<{ tx_hash: string; block_number: string }[]>(
          `SELECT b.tx_hash, b.block_number FROM settlement_batches b JOIN payouts p ON p.batch_id = b.id
           WHERE p.claim_id = $1 AND b.status = 'mined'`,
          [request.claimId],
        );
        return rows[0];
      },
      { what: 'the batch mined, waiting for its second confirmation' },
    );
    // Another branch without the batch, long enough to "confirm" the block it was in.
    await bed.chain.provider.send('evm_revert', [snapshot]);
    await bed.chain.provider.send('evm_mine', []);
    await bed.chain.provider.send('evm_mine', []);
    // The bridge notices, rebroadcasts the stored transaction, and it is mined on the new branch.
    await waitFor(async () => (await bed.settledAmount(request.claimId)) > 0n, {
      what: 'the payout on the new branch',
    });
    await bed.chain.provider.send('evm_mine', []);
    const settled = await expectPaidOnce(request, 6n * TOKEN);
    expect(settled.txHash).toBe(mined.tx_hash);
    const receipt = await bed.chain.provider.getTransactionReceipt(settled.txHash);
    expect(settled.blockNumber).toBe(receipt?.blockNumber);
    expect(settled.blockNumber).toBeGreaterThan(Number(mined.block_number));
  });

  it('replaces a stuck transaction with bumped fees under the same nonce, and pays once', async () => {
    const insurer = uniqueId('INS');
    await bed.fund(insurer, 100n * TOKEN);
    await bed.chain.provider.send('evm_setAutomine', [false]);
    await bed.startBridge({ PAYOUT_STUCK_AFTER_MS: '500' });
    const request = aPayoutRequest(insurer, aPayee(), 4n * TOKEN);
    await bed.publish(Subjects.payoutRequested, request);
    const replaced = await waitFor(
      async () => {
        const rows = await attempts(request.claimId);
        return rows.length >= 2 ? rows : undefined;
      },
      { what: 'a replacement transaction' },
    );
    const [first, second] = replaced.slice(0, 2).map((row) => Transaction.from(row.raw_tx));
    expect(second.nonce).toBe(first.nonce);
    expect(second.maxFeePerGas).toBeGreaterThan(first.maxFeePerGas ?? 0n);
    expect(second.maxPriorityFeePerGas).toBeGreaterThan(first.maxPriorityFeePerGas ?? 0n);

    await bed.chain.provider.send('evm_setAutomine', [true]);
    await bed.chain.provider.send('evm_mine', []);
    const settled = await expectPaidOnce(request, 4n * TOKEN);
    expect(replaced.map((row) => row.tx_hash)).toContain(settled.txHash);
  });
});
