import { Subjects, type PayoutRequested, type PayoutSettled } from '#libs/contracts';
import { OPS_AUTHORIZATION, TEST_OPS_TOKEN, sleep, waitFor, type ServiceProcess } from '#libs/testing';
import { Wallet } from 'ethers';
import { aPayoutRequest, uniqueId } from './support/bridge-builders.js';
import { BridgeTestBed } from './support/bridge-test-bed.js';

const TOKEN = 10n ** 18n;
const PAYOUTS_PER_PHASE = 12;
/** A follower tries the lock every max(PAYOUT_POLL_MS, 250) ms; a killed leader's session ends at once. */
const TAKEOVER_WITHIN_MS = 5_000;
const ENV = { OPS_TOKEN: TEST_OPS_TOKEN };
/** The chain leader's advisory lock key 0x4c424c454144 as pg_locks shows it (classid, objid). */
const LEADER_LOCK = { classid: 0x4c42, objid: 0x4c454144 };

/**
 * Bridges on one database, the chain leader killed with SIGKILL (then paused with SIGSTOP past the loss of its
 * lock) while payouts flow: another instance takes the lock, continues from the stored nonces, and every payout
 * is sent exactly once, no nonce twice.
 */
describe('bridge instances on one database: the chain leader dies or stalls and another takes over', () => {
  let bed: BridgeTestBed;
  let insurer = '';
  const requests: PayoutRequested[] = [];
  const paused: ServiceProcess[] = [];

  beforeAll(async () => {
    bed = await BridgeTestBed.open('lbtko');
    insurer = uniqueId('INS');
    await bed.fund(insurer, 10_000n * TOKEN);
  });
  afterAll(async () => {
    // A stopped process would never act on the SIGTERM of close().
    for (const instance of paused) instance.child.kill('SIGCONT');
    await bed?.chain.provider.send('evm_setAutomine', [true]);
    await bed?.close();
  });

  const leaderRow = async () =>
    (await bed.db.query<{ epoch: string; holder: string }[]>(`SELECT epoch, holder FROM chain_leadership`))[0];
  const pidOf = (holder: string) => Number(holder.split(':')[1]);
  const openBatchCount = async () =>
    (
      await bed.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM settlement_batches WHERE status IN ('signed', 'broadcast', 'mined')`,
      )
    )[0].n;
  const leaderGauge = async (instance: ServiceProcess) => {
    const metrics = await (await fetch(`${instance.url}/metrics`, { headers: OPS_AUTHORIZATION })).text();
    return Number(/^ledger_signer_leader (\d)/m.exec(metrics)?.[1]);
  };
  const readiness = async (instance: ServiceProcess) => {
    const response = await fetch(`${instance.url}/health/ready`, { headers: OPS_AUTHORIZATION });
    const body = (await response.json()) as { details: { leadership: { leader: boolean } } };
    return { status: response.status, leader: body.details.leadership.leader };
  };

  const publish = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const amount = BigInt(requests.length + 1) * TOKEN;
      const request = aPayoutRequest(insurer, Wallet.createRandom().address, amount);
      requests.push(request);
      await bed.publish(Subjects.payoutRequested, request);
    }
  };
  const allSettled = async () => {
    for (const request of requests) await bed.waitForEvent(Subjects.payoutSettled, request.claimId, 60_000);
  };
  /** Resolves with the time `instance` took the leadership from an epoch above `epochBefore`. */
  const takenOverBy = (instance: ServiceProcess, epochBefore: number) =>
    waitFor(
      async () => {
        const row = await leaderRow();
        return Number(row.epoch) > epochBefore && pidOf(row.holder) === instance.child.pid ? Date.now() : false;
      },
      { timeoutMs: TAKEOVER_WITHIN_MS, intervalMs: 20, what: `${instance.url} to take over` },
    );

  /** Each claim settled once for its amount; every signer transaction on chain has its own nonce, 0..n-1. */
  async function expectEachPaidOnceAndNoNonceTwice() {
    let settledOnChain = 0n;
    for (const request of requests) {
      const settled = bed.eventsOf<PayoutSettled>(Subjects.payoutSettled, request.claimId);
      expect(new Set(settled.map((event) => event.envelope.data.txHash)).size).toBe(1);
      expect(await bed.settledAmount(request.claimId)).toBe(BigInt(request.tokenAmount));
      expect(await bed.balanceOf(request.payee)).toBe(BigInt(request.tokenAmount));
      settledOnChain += await bed.settledAmount(request.claimId);
    }
    expect(settledOnChain).toBe(requests.reduce((sum, request) => sum + BigInt(request.tokenAmount), 0n));

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
    return `${requests.length} payouts in ${batches.length} batches; signer nonces 0..${sentCount - 1} on chain, each once; stored next_nonce ${stored.next_nonce}`;
  }

  let survivor: ServiceProcess;

  it('pays every claim once across a SIGKILL of the leader and never signs a nonce twice', async () => {
    const [first, second] = [await bed.startBridge(ENV), await bed.startBridge(ENV)];
    const leaderHolder = await waitFor(async () => (await leaderRow())?.holder, { what: 'a chain leader' });
    const leader = [first, second].find((instance) => instance.child.pid === pidOf(leaderHolder));
    if (!leader) throw new Error(`the leader ${leaderHolder} is neither instance`);
    const follower = leader === first ? second : first;

    // Exactly one leads (its gauge is set just after its epoch commits); both are ready, the follower included.
    await waitFor(async () => (await leaderGauge(leader)) === 1, { what: 'the leader gauge' });
    expect(await leaderGauge(follower)).toBe(0);
    expect(await readiness(leader)).toEqual({ status: 200, leader: true });
    expect(await readiness(follower)).toEqual({ status: 200, leader: false });

    await publish(PAYOUTS_PER_PHASE);
    // Some settled by the first leader, so the second must continue its nonce sequence.
    await bed.waitForEvent<PayoutSettled>(Subjects.payoutSettled, requests[0].claimId);
    await waitFor(async () => (await openBatchCount()) === 0, { what: 'no batch in flight' });
    const epochBefore = Number((await leaderRow()).epoch);

    // The worst moment: the leader's next batch is signed and broadcast, but not mined, when it dies.
    await bed.chain.provider.send('evm_setAutomine', [false]);
    await publish(PAYOUTS_PER_PHASE);
    await bed.rowExists(`SELECT 1 FROM settlement_batches WHERE status = 'broadcast'`, []);
    const killedAt = Date.now();
    await leader.kill();
    const takeoverMs = (await takenOverBy(follower, epochBefore)) - killedAt;
    await waitFor(async () => (await leaderGauge(follower)) === 1, { what: 'the new leader gauge' });
    await bed.chain.provider.send('evm_setAutomine', [true]);
    await bed.chain.provider.send('evm_mine', []);

    await allSettled();
    const figures = await expectEachPaidOnceAndNoNonceTwice();
    console.log(`takeover: ${takeoverMs} ms after SIGKILL; ${figures}`);
    expect(takeoverMs).toBeLessThan(TAKEOVER_WITHIN_MS);
    survivor = follower;
  }, 180_000);

  it('fences a leader paused past the loss of its lock: it wakes, steps down and signs nothing', async () => {
    const stalled = survivor;
    const standby = await bed.startBridge(ENV);
    await publish(PAYOUTS_PER_PHASE);
    await bed.waitForEvent<PayoutSettled>(Subjects.payoutSettled, requests[requests.length - 1].claimId);
    const epochBefore = Number((await leaderRow()).epoch);

    // A long GC pause or a frozen VM: the process stops while PostgreSQL ends its session (as its TCP
    // keepalive would on a partition), so the lock is free while the old leader still believes it holds it.
    stalled.child.kill('SIGSTOP');
    paused.push(stalled);
    await publish(PAYOUTS_PER_PHASE);
    await bed.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks
       WHERE locktype = 'advisory' AND granted AND classid = $1 AND objid = $2 AND objsubid = 1`,
      [LEADER_LOCK.classid, LEADER_LOCK.objid],
    );
    const stoppedAt = Date.now();
    const takeoverMs = (await takenOverBy(standby, epochBefore)) - stoppedAt;
    await allSettled();

    // It wakes up late, maybe mid-round: the fence stops it before any nonce, and it follows from now on.
    stalled.child.kill('SIGCONT');
    paused.splice(paused.indexOf(stalled), 1);
    await waitFor(async () => (await leaderGauge(stalled)) === 0, { what: 'the stalled leader to step down' });
    await publish(PAYOUTS_PER_PHASE);
    await allSettled();
    await sleep(500);

    expect(pidOf((await leaderRow()).holder)).toBe(standby.child.pid);
    expect(stalled.output()).toMatch(/stepped down as chain leader/);
    const figures = await expectEachPaidOnceAndNoNonceTwice();
    console.log(`stalled leader: standby took over ${takeoverMs} ms after its session ended; ${figures}`);
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
