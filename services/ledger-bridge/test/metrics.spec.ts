import { Subjects, type PayoutFailed } from '#libs/contracts';
import { findPromtool, OPS_AUTHORIZATION, promtoolMetricFindings, TEST_OPS_TOKEN, waitFor } from '#libs/testing';
import { computeAddress, formatEther, parseEther, Wallet } from 'ethers';
import { DEV_RELAYER_KEY } from '../src/config/bridge-config.js';
import { aPayoutRequest, uniqueId } from './support/bridge-builders.js';
import { BridgeTestBed } from './support/bridge-test-bed.js';

const TOKEN = 10n ** 18n;
/** The embedded chain's id, the label of the block gauges. */
const CHAIN = 'chain_id="31337"';

/**
 * The bridge's own gauges on /metrics, each against what it claims to report: the chain's balances and
 * blocks (read by the leader), and the payouts and batches in its database.
 */
describe('the ledger bridge gauges', () => {
  let bed: BridgeTestBed;
  const relayer = computeAddress(DEV_RELAYER_KEY);

  beforeAll(async () => {
    bed = await BridgeTestBed.open('lbmetrics');
    // Two confirmations: a mined batch stays unconfirmed until the test mines one more block.
    await bed.startBridge({
      CONFIRMATIONS: '2',
      LEDGER_METRICS_INTERVAL_MS: '200',
      OPS_TOKEN: TEST_OPS_TOKEN,
      // The per-payout lines are at info.
      LOG_LEVEL: 'info',
    });
  });
  afterAll(async () => {
    await bed?.close();
  });

  const scrape = async (instance = bed.instances[0]): Promise<string> => {
    const response = await fetch(`${instance.url}/metrics`, { headers: OPS_AUTHORIZATION });
    expect(response.status).toBe(200);
    return response.text();
  };
  /** The value of `name` with exactly `labels` (as written in the exposition, e.g. `status="pending"`). */
  const gauge = async (name: string, labels = '', instance = bed.instances[0]): Promise<number | undefined> => {
    const series = labels ? `${name}{${labels}}` : name;
    const line = (await scrape(instance)).split('\n').find((candidate) => candidate.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };
  /** The bridge's JSON log lines saying `message`. */
  const logLines = (message: string, instance = bed.instances[0]) =>
    instance
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === message);
  const chainBalanceEth = async (address: string) => Number(formatEther(await bed.chain.provider.getBalance(address)));
  const mineBlock = () => bed.chain.provider.send('evm_mine', []);

  it('reports the settlement signer’s and the relayer’s balances as the chain holds them', async () => {
    const signer = bed.chain.account(0).address;
    const settlementSeries = `account="settlement",address="${signer}"`;
    const relayerSeries = `account="relayer",address="${relayer}"`;
    await waitFor(async () => (await gauge('ledger_signer_balance_eth', settlementSeries)) !== undefined, {
      what: 'the leader to read the balances',
    });
    expect(await gauge('ledger_signer_balance_eth', settlementSeries)).toBe(await chainBalanceEth(signer));
    expect(await gauge('ledger_signer_balance_eth', relayerSeries)).toBe(await chainBalanceEth(relayer));

    // The relayer is topped up: the gauge follows on the next round.
    const before = await bed.chain.provider.getBalance(relayer);
    await (await bed.funder.sendTransaction({ to: relayer, value: parseEther('1.5') })).wait();
    expect(await bed.chain.provider.getBalance(relayer)).toBe(before + parseEther('1.5'));
    const after = await chainBalanceEth(relayer);
    await waitFor(async () => (await gauge('ledger_signer_balance_eth', relayerSeries)) === after, {
      what: 'the relayer balance gauge to follow the top-up',
    });
  });

  it('reports the chain head and the indexed block, and follows new blocks', async () => {
    const caughtUp = async () => {
      const head = await bed.chain.provider.getBlockNumber();
      return (
        (await gauge('ledger_chain_head_block', CHAIN)) === head &&
        (await gauge('ledger_indexed_block', CHAIN)) === head
      );
    };
    await waitFor(caughtUp, { what: 'the head and indexed block gauges to reach the chain head' });
    const head = await bed.chain.provider.getBlockNumber();
    for (let i = 0; i < 3; i++) await mineBlock();
    await waitFor(caughtUp, { what: 'the gauges to follow three new blocks' });
    expect(await gauge('ledger_chain_head_block', CHAIN)).toBe(head + 3);
  });

  it('counts a payout held on funds, and the open batch until its confirmations', async () => {
    expect(await gauge('ledger_payouts_waiting', 'status="awaiting_funds"')).toBe(0);
    expect(await gauge('ledger_batch_oldest_unconfirmed_seconds')).toBe(0);
    const insurer = uniqueId('INS');
    await bed.fund(insurer, 10n * TOKEN);
    const request = aPayoutRequest(insurer, Wallet.createRandom().address, 40n * TOKEN);
    await bed.publish(Subjects.payoutRequested, request);
    const failed = await bed.waitForEvent<PayoutFailed>(Subjects.payoutFailed, request.claimId);
    expect(failed.reason).toBe('INSUFFICIENT_ESCROW');

    expect(await gauge('ledger_payouts_waiting', 'status="awaiting_funds"')).toBe(1);
    expect(await gauge('ledger_payouts_waiting', 'status="pending"')).toBe(0);
    expect(await gauge('ledger_payouts_oldest_waiting_seconds', 'status="awaiting_funds"')).toBeGreaterThan(0);

    // Funded: the payout goes into a batch, mined but one block short of its two confirmations.
    await bed.fund(insurer, 30n * TOKEN);
    await bed.waitForEvent(Subjects.payoutSubmitted, request.claimId);
    await bed.rowExists(`SELECT 1 FROM settlement_batches WHERE status = 'mined'`, []);
    expect(await gauge('ledger_payouts_waiting', 'status="awaiting_funds"')).toBe(0);
    expect(await gauge('ledger_payouts_oldest_waiting_seconds', 'status="awaiting_funds"')).toBe(0);
    const open = await gauge('ledger_batch_oldest_unconfirmed_seconds');
    expect(open).toBeGreaterThan(0);
    expect(open).toBeLessThan(60);

    await mineBlock();
    await bed.waitForEvent(Subjects.payoutSettled, request.claimId);
    expect(await gauge('ledger_batch_oldest_unconfirmed_seconds')).toBe(0);

    // What the worker did, counted once each: held on funds, broadcast, settled in a batch of one.
    await waitFor(async () => (await gauge('ledger_payouts_settled_total')) === 1, { what: 'the settlement count' });
    expect(await gauge('ledger_payouts_failed_total', 'reason="INSUFFICIENT_ESCROW"')).toBe(1);
    expect(await gauge('ledger_payouts_submitted_total')).toBe(1);
    expect(await gauge('ledger_batch_payouts_count')).toBe(1);
    expect(await gauge('ledger_batch_payouts_sum')).toBe(1);
    const gas = await gauge('ledger_batch_gas_used_sum');
    const receipt = await bed.chain.provider.getTransactionReceipt(
      (await bed.waitForEvent<{ txHash: string }>(Subjects.payoutSettled, request.claimId)).txHash,
    );
    expect(gas).toBe(Number(receipt?.gasUsed));
    expect(gas).toBeGreaterThan(21_000);

    // Its confirmations: two required; the batch was confirmed once the test mined the second block.
    expect(await gauge('ledger_confirmations_required')).toBe(2);
    expect(await gauge('ledger_batch_confirmation_blocks_count')).toBe(1);
    expect(await gauge('ledger_batch_confirmation_blocks_bucket', 'le="1"')).toBe(0);
    expect(await gauge('ledger_batch_confirmation_blocks_sum')).toBe(
      (await bed.chain.provider.getBlockNumber()) - Number(receipt?.blockNumber) + 1,
    );
    expect(await gauge('ledger_batch_confirmation_seconds_count')).toBe(1);
    const waited = await gauge('ledger_batch_confirmation_seconds_sum');
    expect(waited).toBeGreaterThan(0);
    expect(waited).toBeLessThan(60);

    // One line per payout outcome, with ids and codes only.
    const batchId = (await bed.db.query(`SELECT batch_id FROM payouts WHERE claim_id = $1`, [request.claimId]))[0]
      ?.batch_id as string;
    expect(logLines('payout failed')).toEqual([
      expect.objectContaining({
        payout_id: request.payoutId,
        claim_id: request.claimId,
        reason: 'INSUFFICIENT_ESCROW',
        retrying: true,
      }),
    ]);
    expect(logLines('payout settled')).toEqual([
      expect.objectContaining({ payout_id: request.payoutId, claim_id: request.claimId, batch_id: batchId }),
    ]);
    const written = JSON.stringify([...logLines('payout failed'), ...logLines('payout settled')]);
    for (const notAnId of [
      request.payee,
      request.payee.toLowerCase().slice(2),
      String(receipt?.hash),
      request.tokenAmount,
    ]) {
      expect(written).not.toContain(notAnId);
    }
  });

  it('counts failed JSON-RPC calls to the chain by method and reason', async () => {
    const errors = (labels: string) => gauge('ledger_chain_rpc_errors_total', labels);
    // The node refuses the balance reads of the metrics rounds: JSON-RPC errors.
    bed.proxy.failing.add('eth_getBalance');
    await waitFor(async () => ((await errors('method="eth_getBalance",reason="rpc_error"')) ?? 0) >= 2, {
      what: 'the refused balance reads to be counted',
    });
    bed.proxy.failing.clear();
    // The endpoint drops every connection: the head reads of the metrics rounds cannot reach it.
    bed.proxy.down = true;
    try {
      await waitFor(async () => ((await errors('method="eth_blockNumber",reason="unreachable"')) ?? 0) >= 1, {
        what: 'the unreachable head reads to be counted',
      });
    } finally {
      bed.proxy.down = false;
    }
    expect(await errors('method="eth_blockNumber",reason="rpc_error"')).toBeUndefined();
    await waitFor(async () => (await gauge('ledger_chain_head_block', CHAIN)) !== undefined, {
      what: 'the chain gauges to come back with the endpoint',
    });
  });

  it('exposes nothing promtool check metrics flags, the bridge’s own metrics with samples', async () => {
    const promtool = findPromtool();
    if (!promtool) {
      console.warn('promtool not installed (apt-get install prometheus): /metrics not linted');
      return;
    }
    const text = await scrape();
    for (const name of ['ledger_chain_rpc_errors_total', 'ledger_batch_confirmation_seconds_count']) {
      expect(text).toMatch(new RegExp(`^${name}(\\{.*\\})? [1-9]`, 'm'));
    }
    expect(promtoolMetricFindings(promtool, text)).toEqual([]);
  });

  it('on a follower, reports the database’s payout gauges but none of the chain’s', async () => {
    const follower = await bed.startBridge({ LEDGER_METRICS_INTERVAL_MS: '200', OPS_TOKEN: TEST_OPS_TOKEN });
    await waitFor(async () => (await scrape(follower)).includes('ledger_signer_leader 0'), {
      what: 'the second instance to serve /metrics as a follower',
    });
    // Several of its metrics rounds, each of which would have filled the chain gauges on a leader.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const text = await scrape(follower);
    expect(text).not.toMatch(/^ledger_signer_balance_eth\{/m);
    expect(text).not.toMatch(/^ledger_chain_head_block\{/m);
    expect(text).not.toMatch(/^ledger_indexed_block\{/m);
    expect(await gauge('ledger_payouts_waiting', 'status="awaiting_funds"', follower)).toBe(0);
    expect(await gauge('ledger_batch_oldest_unconfirmed_seconds', '', follower)).toBe(0);
    expect(await gauge('ledger_chain_head_block', CHAIN)).toBe(await bed.chain.provider.getBlockNumber());
  });
});
