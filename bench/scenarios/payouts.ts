import { freePort, waitFor } from '#libs/testing';
import { startChain } from '../../scripts/chain.js';
import { startIsolatedStack } from '../lib/isolated-stack.js';
import { machineLine, type Machine } from '../lib/machine.js';
import type { BenchOptions, Scenario } from '../lib/scenario.js';
import { batchGas, deployedAddresses, fundEscrow, payeesOf, requestPayouts, settledCount } from './payouts-chain.js';

const INSURER = 'I-BENCH';
const PAYEES = 100;
const AMOUNT = 75n * 10n ** 18n;

interface Figures {
  count: number;
  perSecond: number;
  batches: number;
  fullBatchGasPerPayout: number | null;
  /** Token transfers per full batch, on average: one per run of a payee's claims in the batch. */
  fullBatchTransfers: number | null;
  meanGasPerPayout: number;
}

/**
 * Payouts on the embedded chain: the ledger bridge alone, fed billing's payout requests on the bus, pays
 * them in `settleBatch` transactions (up to 100 each). A first round pays each of 100 payees once, so the
 * measured round pays returning payees (a warm balance slot, the common case for clinics), count / 100 claims each,
 * requested in turn (payee 1, 2, …, 100, 1, 2, …). Reported: payouts settled per second (first request
 * published → last payout confirmed), gas per payout (receipt gasUsed / payouts in the batch) and how many
 * token transfers a full batch made (the bridge groups a batch by payee; the contract sends one per payee run).
 */
export const payouts: Scenario = {
  name: 'payouts',
  title: 'Payouts: billing payout requests → settleBatch on the embedded chain (gas per payout, payouts/s)',
  async run(options: BenchOptions, machine: Machine) {
    const chain = await startChain({ port: await freePort(), write: () => undefined });
    const stack = await startIsolatedStack(['ledger-bridge'], {
      CHAIN_RPC_URL: chain.rpcUrl,
      PAYOUT_POLL_MS: '20',
    }).catch(async (error: unknown) => {
      await chain.process.stop(5000);
      throw error;
    });
    try {
      const databaseUrl = stack.databaseUrl('ledger-bridge');
      const addresses = await deployedAddresses(databaseUrl);
      const count = options.count;
      await fundEscrow(chain.rpcUrl, addresses, INSURER, AMOUNT * BigInt(count + PAYEES));
      const payees = payeesOf(PAYEES);
      await settleAll(stack.namespace, databaseUrl, payees, PAYEES);

      const started = Date.now();
      const claimIds = await settleAll(stack.namespace, databaseUrl, payees, count);
      const elapsedMs = Date.now() - started;
      const batches = await batchGas(databaseUrl, chain.rpcUrl, claimIds, addresses.ClaimSettlement);
      const full = batches.filter((batch) => batch.payouts === 100);
      const gas = (list: typeof batches) =>
        Number(list.reduce((sum, batch) => sum + batch.gasUsed, 0n)) /
        list.reduce((sum, batch) => sum + batch.payouts, 0);
      return report(machine, {
        count,
        perSecond: (count / elapsedMs) * 1000,
        batches: batches.length,
        fullBatchGasPerPayout: full.length ? gas(full) : null,
        fullBatchTransfers: full.length ? full.reduce((sum, batch) => sum + batch.transfers, 0) / full.length : null,
        meanGasPerPayout: gas(batches),
      });
    } finally {
      await stack.stop();
      await chain.process.stop(5000);
    }
  },
};

async function settleAll(namespace: string, databaseUrl: string, payees: string[], count: number): Promise<string[]> {
  const claimIds = await requestPayouts(namespace, INSURER, payees, count, AMOUNT);
  await waitFor(async () => (await settledCount(databaseUrl, claimIds)) === count, {
    what: `${count} payouts settled`,
    timeoutMs: 600_000,
    intervalMs: 200,
  });
  return claimIds;
}

function report(machine: Machine, figures: Figures) {
  const full = figures.fullBatchGasPerPayout === null ? 'no full batch' : figures.fullBatchGasPerPayout.toFixed(0);
  const transfers = figures.fullBatchTransfers === null ? 'no full batch' : figures.fullBatchTransfers.toFixed(1);
  const text = [
    `payouts on ${machineLine(machine)}`,
    `  ${figures.count} payouts to ${PAYEES} returning payees in ${figures.batches} settleBatch transactions`,
    `  settled:          ${figures.perSecond.toFixed(0)} payouts/s (1 confirmation, embedded chain, automine)`,
    `  gas per payout:   ${full} in a batch of 100 (goal ≤ 32,000), ${figures.meanGasPerPayout.toFixed(0)} over all batches`,
    `  transfers:        ${transfers} token transfers per batch of 100 (one per payee in the batch)`,
  ].join('\n');
  const markdown = [
    '## Payouts on the embedded chain (`payouts`)',
    '',
    `Machine: ${machineLine(machine)}. Stack: the ledger bridge alone (its own process) on the local PostgreSQL and NATS, and a private embedded Hardhat chain (automine, 1 confirmation).`,
    `Load: ${figures.count} payout requests published on the bus at once, as billing would, for ${PAYEES} payees that were each paid once before (returning payees), requested in turn (payee 1, 2, …, ${PAYEES}, 1, 2, …); up to 100 payouts per \`settleBatch\`, which the bridge fills payee by payee from the oldest ${4 * 100} waiting payouts (the contract pays a payee's neighbouring claims with one token transfer; each claim is still marked and gets its own \`Settled\` event).`,
    "Gas per payout: the receipt's `gasUsed` (base cost and calldata included) divided by the payouts in the batch.",
    '',
    `**${figures.perSecond.toFixed(0)} payouts settled per second** (first request published → last payout confirmed and recorded), in ${figures.batches} transactions.`,
    '',
    '| gas per payout | gas |',
    '|---|---|',
    `| in a batch of 100, returning payees (goal ≤ 32,000) | ${full} |`,
    `| over all batches of the run | ${figures.meanGasPerPayout.toFixed(0)} |`,
    '',
    `Token transfers per batch of 100: ${transfers} (one per payee in the batch; 100 would be one per claim).`,
  ].join('\n');
  return { text, markdown };
}
