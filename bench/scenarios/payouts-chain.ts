import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import {
  Contract,
  HDNodeWallet,
  type ContractTransactionResponse,
  JsonRpcProvider,
  Mnemonic,
  Wallet,
  id,
  zeroPadValue,
} from 'ethers';
import pg from 'pg';
import { BusNamespace, Subjects, type PayoutRequested } from '#libs/contracts';
import { TEST_NATS_URL } from '#libs/testing';
import { publishStandIn } from '#libs/test-bed';

const DEV_MNEMONIC = 'test test test test test test test test test test test junk';

/** The deployed addresses the bridge recorded in its own database. */
export async function deployedAddresses(databaseUrl: string): Promise<Record<string, string>> {
  const rows = await query<{ name: string; address: string }>(databaseUrl, `SELECT name, address FROM deployments`);
  return Object.fromEntries(rows.map((row) => [row.name, row.address]));
}

/** Funds an insurer's escrow from the treasury (account 0), before any payout is asked for. */
export async function fundEscrow(rpcUrl: string, addresses: Record<string, string>, insurerId: string, amount: bigint) {
  const provider = new JsonRpcProvider(rpcUrl, 31337, { staticNetwork: true, cacheTimeout: -1 });
  try {
    const treasury = HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(DEV_MNEMONIC), "m/44'/60'/0'/0/0").connect(provider);
    const token = new Contract(addresses.HceToken, ['function approve(address,uint256) returns (bool)'], treasury);
    const settlement = new Contract(addresses.ClaimSettlement, ['function deposit(bytes32,uint256)'], treasury);
    await mined(token.getFunction('approve')(addresses.ClaimSettlement, amount));
    await mined(settlement.getFunction('deposit')(id(insurerId), amount));
  } finally {
    provider.destroy();
  }
}

export const payeesOf = (count: number) => Array.from({ length: count }, () => Wallet.createRandom().address);

/** Publishes payout requests as billing would, each for a new claim, cycling over the payees. */
export async function requestPayouts(
  namespace: string,
  insurerId: string,
  payees: string[],
  count: number,
  amount: bigint,
) {
  const nc = await connect({ servers: TEST_NATS_URL, name: `bench-${namespace}` });
  try {
    const js = jetstream(nc);
    const bus = new BusNamespace(namespace);
    const claimIds: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const claimId = randomUUID();
      claimIds.push(claimId);
      const data: PayoutRequested = {
        payoutId: `PO-${claimId}`,
        claimId,
        insurerId,
        providerId: 'P-BENCH',
        payee: payees[i % payees.length],
        currency: 'USD',
        amount: Number(amount / 10n ** 16n),
        tokenAmount: amount.toString(),
        token: 'HCET',
      };
      await publishStandIn(js, bus, Subjects.payoutRequested, data);
    }
    return claimIds;
  } finally {
    await nc.close();
  }
}

export async function settledCount(databaseUrl: string, claimIds: string[]): Promise<number> {
  const [row] = await query<{ n: number }>(
    databaseUrl,
    `SELECT count(*)::int AS n FROM payouts WHERE status = 'settled' AND claim_id = ANY($1::uuid[])`,
    [claimIds],
  );
  return row.n;
}

const TRANSFER_TOPIC = id('Transfer(address,address,uint256)');

/**
 * Gas of each confirmed batch that paid these claims, with its number of payouts and of token transfers out of
 * the escrow (one per run of a payee's claims: how far the batch was grouped by payee).
 */
export async function batchGas(databaseUrl: string, rpcUrl: string, claimIds: string[], settlement: string) {
  const rows = await query<{ tx_hash: string; payouts: number }>(
    databaseUrl,
    `SELECT b.tx_hash, count(*)::int AS payouts FROM settlement_batches b JOIN payouts p ON p.batch_id = b.id
     WHERE b.status = 'confirmed' AND p.claim_id = ANY($1::uuid[]) GROUP BY b.tx_hash`,
    [claimIds],
  );
  const provider = new JsonRpcProvider(rpcUrl, 31337, { staticNetwork: true });
  try {
    const batches = [];
    for (const row of rows) {
      const receipt = await provider.getTransactionReceipt(row.tx_hash);
      const transfers = (receipt?.logs ?? []).filter(
        (log) => log.topics[0] === TRANSFER_TOPIC && log.topics[1] === zeroPadValue(settlement.toLowerCase(), 32),
      ).length;
      batches.push({ payouts: row.payouts, gasUsed: receipt?.gasUsed ?? 0n, transfers });
    }
    return batches;
  } finally {
    provider.destroy();
  }
}

async function query<T>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

async function mined(sent: Promise<unknown>): Promise<void> {
  const receipt = await ((await sent) as ContractTransactionResponse).wait();
  if (receipt?.status !== 1) throw new Error('the funding transaction failed');
}
