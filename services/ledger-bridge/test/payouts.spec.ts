import { Subjects, type PayoutFailed, type PayoutSettled, type PayoutSubmitted } from '#libs/contracts';
import { Interface, Wallet, id } from 'ethers';
import { waitFor } from '#libs/testing';
import { aPayoutRequest, uniqueId } from './support/bridge-builders.js';
import { BridgeTestBed } from './support/bridge-test-bed.js';

const TOKEN = 10n ** 18n;
const transferOf = new Interface(['event Transfer(address indexed from, address indexed to, uint256 value)']);

describe('payouts from billing requests, batched into settleBatch', () => {
  let bed: BridgeTestBed;

  beforeAll(async () => {
    bed = await BridgeTestBed.open('lbpay');
    await bed.startBridge();
  });
  afterAll(async () => {
    await bed?.close();
  });

  const aPayee = () => Wallet.createRandom().address;

  it('pays a requested payout once, announcing it submitted then settled with its transaction', async () => {
    const insurer = uniqueId('INS');
    await bed.fund(insurer, 1_000n * TOKEN);
    const request = aPayoutRequest(insurer, aPayee(), 123n * TOKEN);
    await bed.publish(Subjects.payoutRequested, request);

    const settled = await bed.waitForEvent<PayoutSettled>(Subjects.payoutSettled, request.claimId);
    const submitted = bed.eventsOf<PayoutSubmitted>(Subjects.payoutSubmitted, request.claimId);
    expect(submitted).toHaveLength(1);
    expect(settled).toMatchObject({ payoutId: request.payoutId, tokenAmount: request.tokenAmount });
    expect(settled.txHash).toBe(submitted[0].envelope.data.txHash);
    const receipt = await bed.chain.provider.getTransactionReceipt(settled.txHash);
    expect(receipt?.blockNumber).toBe(settled.blockNumber);
    expect(await bed.balanceOf(request.payee)).toBe(123n * TOKEN);
    expect(await bed.settledAmount(request.claimId)).toBe(123n * TOKEN);
  });

  it('pays exactly once under duplicate requests for one claim', async () => {
    const insurer = uniqueId('INS');
    await bed.fund(insurer, 1_000n * TOKEN);
    const request = aPayoutRequest(insurer, aPayee(), 50n * TOKEN);
    // The same request delivered three times, and a second payout id for the same claim.
    await bed.publish(Subjects.payoutRequested, request);
    await bed.publish(Subjects.payoutRequested, request);
    await bed.publish(Subjects.payoutRequested, { ...request, payoutId: `${request.payoutId}-again` });
    await bed.waitForEvent<PayoutSettled>(Subjects.payoutSettled, request.claimId);
    // A request arriving after settlement only repeats the outcome.
    await bed.publish(Subjects.payoutRequested, request);
    await waitForEvents(() => bed.eventsOf(Subjects.payoutSettled, request.claimId).length >= 2);

    const outcomes = bed.eventsOf<PayoutSettled>(Subjects.payoutSettled, request.claimId).map((e) => e.envelope.data);
    expect(new Set(outcomes.map((outcome) => outcome.txHash)).size).toBe(1);
    expect(outcomes.every((outcome) => outcome.payoutId === request.payoutId)).toBe(true);
    expect(await bed.balanceOf(request.payee)).toBe(50n * TOKEN);
    expect(await bed.settledAmount(request.claimId)).toBe(50n * TOKEN);
    const rows = await bed.db.query(`SELECT count(*)::int AS n FROM payouts WHERE claim_id = $1`, [request.claimId]);
    expect(rows[0].n).toBe(1);
  });

  it('announces INSUFFICIENT_ESCROW (retrying) and pays once the insurer funds its escrow', async () => {
    const insurer = uniqueId('INS');
    await bed.fund(insurer, 10n * TOKEN);
    const request = aPayoutRequest(insurer, aPayee(), 40n * TOKEN);
    await bed.publish(Subjects.payoutRequested, request);

    const failed = await bed.waitForEvent<PayoutFailed>(Subjects.payoutFailed, request.claimId);
    expect(failed).toEqual({
      payoutId: request.payoutId,
      claimId: request.claimId,
      reason: 'INSUFFICIENT_ESCROW',
      retrying: true,
    });
    expect(await bed.settledAmount(request.claimId)).toBe(0n);

    await bed.fund(insurer, 30n * TOKEN);
    await bed.waitForEvent<PayoutSettled>(Subjects.payoutSettled, request.claimId);
    expect(await bed.balanceOf(request.payee)).toBe(40n * TOKEN);
    expect(bed.eventsOf(Subjects.payoutFailed, request.claimId)).toHaveLength(1);
  });

  it('batches many waiting payouts of an insurer into few transactions', async () => {
    const insurer = uniqueId('INS');
    await bed.fund(insurer, 1_000n * TOKEN);
    const requests = Array.from({ length: 30 }, () => aPayoutRequest(insurer, aPayee(), 3n * TOKEN));
    await Promise.all(requests.map((request) => bed.publish(Subjects.payoutRequested, request)));
    for (const request of requests) await bed.waitForEvent(Subjects.payoutSettled, request.claimId);

    for (const request of requests) expect(await bed.balanceOf(request.payee)).toBe(3n * TOKEN);
    const txs = new Set(
      requests.map(
        (request) => bed.eventsOf<PayoutSettled>(Subjects.payoutSettled, request.claimId)[0].envelope.data.txHash,
      ),
    );
    expect(txs.size).toBeLessThan(requests.length / 2);
  });

  it("pays a payee's claims in one batch with one transfer, each claim settled and announced once", async () => {
    const insurer = uniqueId('INS');
    const payees = [aPayee(), aPayee(), aPayee()];
    // Interleaved as they arrive; a duplicate request for one claim among them.
    const requests = Array.from({ length: 12 }, (_, i) =>
      aPayoutRequest(insurer, payees[i % 3], BigInt(i + 1) * TOKEN),
    );
    // Published before the escrow is funded, so all twelve wait and then go into one batch together.
    for (const request of [...requests, requests[4]]) await bed.publish(Subjects.payoutRequested, request);
    await waitFor(
      async () => {
        const [row] = await bed.db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM payouts WHERE insurer_id = $1 AND status = 'awaiting_funds'`,
          [insurer],
        );
        return row.n === requests.length;
      },
      { what: 'all twelve payouts waiting for funds' },
    );
    await bed.fund(insurer, 1_000n * TOKEN);
    const settled = [];
    for (const request of requests)
      settled.push(await bed.waitForEvent<PayoutSettled>(Subjects.payoutSettled, request.claimId));

    const txHashes = new Set(settled.map((event) => event.txHash));
    expect(txHashes.size).toBe(1);
    const receipt = await bed.chain.provider.getTransactionReceipt([...txHashes][0]);
    const logs = receipt?.logs ?? [];
    const transfers = logs
      .filter((log) => log.address === bed.contracts.token && log.topics[0] === id('Transfer(address,address,uint256)'))
      .map((log) => transferOf.decodeEventLog('Transfer', log.data, log.topics));
    const sumFor = (payee: string) =>
      requests
        .filter((request) => request.payee === payee)
        .reduce((sum, request) => sum + BigInt(request.tokenAmount), 0n);
    // One transfer per payee, for the sum of its claims (payees in the order the bridge stored their requests).
    expect(transfers).toHaveLength(payees.length);
    expect(transfers.map((transfer) => [transfer[1], transfer[2]])).toEqual(
      expect.arrayContaining(payees.map((payee) => [payee, sumFor(payee)])),
    );
    const settledClaims = logs
      .filter((log) => log.address === bed.contracts.settlement)
      .map((log) => bed.settlement().interface.parseLog({ topics: [...log.topics], data: log.data }))
      .filter((parsed) => parsed?.name === 'Settled');
    expect(settledClaims).toHaveLength(requests.length);

    for (const payee of payees) expect(await bed.balanceOf(payee)).toBe(sumFor(payee));
    for (const request of requests) {
      expect(await bed.settledAmount(request.claimId)).toBe(BigInt(request.tokenAmount));
      expect(bed.eventsOf(Subjects.payoutSettled, request.claimId)).toHaveLength(1);
    }
  });
});

async function waitForEvents(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for events');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
