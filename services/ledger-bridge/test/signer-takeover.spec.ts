import { Subjects, type PayoutRequested, type PayoutSettled } from '#libs/contracts';
import { OPS_AUTHORIZATION, TEST_OPS_TOKEN, waitFor, type ServiceProcess } from '#libs/testing';
import { Wallet } from 'ethers';
import { aPayoutRequest, uniqueId } from './support/bridge-builders.js';
import { BridgeTestBed } from './support/bridge-test-bed.js';

const TOKEN = 10n ** 18n;
const PAYOUTS_BEFORE = 12;
const PAYOUTS_AFTER = 12;
/** A follower tries the lock every max(PAYOUT_POLL_MS, 250) ms; a killed leader's session ends at once. */
const TAKEOVER_WITHIN_MS = 5_000;

/**
 * Two bridges on one database, the chain leader killed with SIGKILL while payouts flow: the follower takes
 * the lock, continues from the stored nonces, and every payout is sent exactly once, no nonce twice.
 */
describe('two bridge instances: the chain leader is killed and the other takes over', () => {
  let bed: BridgeTestBed;

  beforeAll(async () => {
    bed = await BridgeTestBed.open('lbtko');
  });
  afterAll(async () => {
    await bed?.chain.provider.send('evm_setAutomine', [true]);
    await bed?.close();
  });

  const leaderRow = async () =>
    (await bed.db.query<{ epoch: string; holder: string }[]>(`SELECT epoch, holder FROM chain_leadership`))[0];
  const openBatchCount = async () =>
    (
      await bed.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM settlement_batches WHERE status IN ('signed', 'broadcast', 'mined')`,
      )
    )[0].n;
  const pidOf = (holder: string) => Number(holder.split(':')[1]);
  const leaderGauge = async (instance: ServiceProcess) => {
    const metrics = await (await fetch(`${instance.url}/metrics`, { headers: OPS_AUTHORIZATION })).text();
    return Number(/^ledger_signer_leader (\d)/m.exec(metrics)?.[1]);
  };
  const readiness = async (instance: ServiceProcess) => {
    const response = await fetch(`${instance.url}/health/ready`, { headers: OPS_AUTHORIZATION });
    const body = (await response.json()) as { details: { leadership: { leader: boolean } } };
    return { status: response.status, leader: body.details.leadership.leader };
  };

  it('pays every claim once across the takeover and never signs a nonce twice', async () => {
    const env = { OPS_TOKEN: TEST_OPS_TOKEN };
    const [first, second] = [await bed.startBridge(env), await bed.startBridge(env)];
    const leaderHolder = await waitFor(async () => (await leaderRow())?.holder, { what: 'a chain leader' });
    const leader = [first, second].find((instance) => instance.child.pid === pidOf(leaderHolder));
    const follower = leader === first ? second : first;
    if (!leader) throw new Error(`the leader ${leaderHolder} is neither instance`);

    // Exactly one leads (its gauge is set just after its epoch commits); both are ready, the follower included.
    await waitFor(async () => (await leaderGauge(leader)) === 1, { what: 'the leader gauge' });
    expect(await leaderGauge(follower)).toBe(0);
    expect(await readiness(leader)).toEqual({ status: 200, leader: true });
    expect(await readiness(follower)).toEqual({ status: 200, leader: false });

    const insurer = uniqueId('INS');
    await bed.fund(insurer, 10_000n * TOKEN);
    const anAmount = (i: number) => BigInt(i + 1) * TOKEN;
    const requests: PayoutRequested[] = [];
    const publish = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const request = aPayoutRequest(insurer, Wallet.createRandom().address, anAmount(requests.length));
        requests.push(request);
        await bed.publish(Subjects.payoutRequested, request);
      }
    };

    await publish(PAYOUTS_BEFORE);
    // Some settled by the first leader, so the second must continue its nonce sequence.
    await bed.waitForEvent<PayoutSettled>(Subjects.payoutSettled, requests[0].claimId);
    await waitFor(async () => (await openBatchCount()) === 0, { what: 'no batch in flight' });
    const epochBefore = Number((await leaderRow()).epoch);

    // The worst moment: the leader's next batch is signed and broadcast, but not mined, when it dies.
    await bed.chain.provider.send('evm_setAutomine', [false]);
    await publish(PAYOUTS_AFTER);
    await bed.rowExists(`SELECT 1 FROM settlement_batches WHERE status = 'broadcast'`, []);
    const killedAt = Date.now();
    await leader.kill();
    const takenOver = await waitFor(
      async () => {
        const row = await leaderRow();
        return Number(row.epoch) > epochBefore && pidOf(row.holder) === follower.child.pid ? Date.now() : false;
      },
      { timeoutMs: TAKEOVER_WITHIN_MS, intervalMs: 20, what: 'the follower to take over' },
    );
    const takeoverMs = takenOver - killedAt;
    await waitFor(async () => (await leaderGauge(follower)) === 1, { what: 'the new leader gauge' });
    await bed.chain.provider.send('evm_setAutomine', [true]);
    await bed.chain.provider.send('evm_mine', []);

    for (const request of requests) await bed.waitForEvent(Subjects.payoutSettled, request.claimId, 60_000);

    // Every claim settled once, for its amount; the sums agree.
    let settledOnChain = 0n;
    for (const request of requests) {
      const settled = bed.eventsOf<PayoutSettled>(Subjects.payoutSettled, request.claimId);
      expect(new Set(settled.map((event) => event.envelope.data.txHash)).size).toBe(1);
      expect(await bed.settledAmount(request.claimId)).toBe(BigInt(request.tokenAmount));
      expect(await bed.balanceOf(request.payee)).toBe(BigInt(request.tokenAmount));
      settledOnChain += await bed.settledAmount(request.claimId);
    }
    expect(settledOnChain).toBe(requests.reduce((sum, request) => sum + BigInt(request.tokenAmount), 0n));

    // Every transaction the signer ever sent has its own nonce, 0..n-1, and the stored next nonce is n.
    const signer = bed.chain.account(0).address;
    const nonces = await signerNoncesOnChain(bed, signer);
    const sentCount = await bed.chain.provider.getTransactionCount(signer, 'latest');
    expect(nonces).toEqual(Array.from({ length: sentCount }, (_, i) => i));
    const [stored] = await bed.db.query<{ next_nonce: string }[]>(
      `SELECT next_nonce FROM signer_nonces WHERE address = $1`,
      [signer],
    );
    expect(Number(stored.next_nonce)).toBe(sentCount);
    const batches = await bed.db.query<{ nonce: string; status: string }[]>(
      `SELECT nonce, status FROM settlement_batches ORDER BY nonce`,
    );
    expect(new Set(batches.map((batch) => batch.nonce)).size).toBe(batches.length);
    expect(batches.every((batch) => batch.status === 'confirmed')).toBe(true);

    console.log(
      `takeover: ${takeoverMs} ms after SIGKILL; ${requests.length} payouts in ${batches.length} batches; ` +
        `signer nonces 0..${sentCount - 1} on chain, each once; stored next_nonce ${stored.next_nonce}`,
    );
    expect(takeoverMs).toBeLessThan(TAKEOVER_WITHIN_MS);
  }, 180_000);
});

/** The nonce of every transaction `signer` sent, read block by block from the chain, in order. */
async function signerNoncesOnChain(bed: BridgeTestBed, signer: string): Promise<number[]> {
  const provider = bed.chain.provider;
  const head = await provider.getBlockNumber();
  const nonces: number[] = [];
  for (let number = 0; number <= head; number++) {
    const block = await provider.getBlock(number, true);
    for (const tx of block?.prefetchedTransactions ?? []) {
      if (tx.from.toLowerCase() === signer.toLowerCase()) nonces.push(tx.nonce);
    }
  }
  return nonces;
}
