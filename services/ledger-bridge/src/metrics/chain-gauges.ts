import { Gauge, register } from 'prom-client';

/** The gauges only the chain leader fills (what it reads from the chain on its metrics rounds). */
export interface ChainGauges {
  /** `ledger_signer_balance_eth{account,address}`: the gas money of the settlement signer and the relayer. */
  balance: Gauge<'account' | 'address'>;
  /**
   * `ledger_chain_head_block{chain_id}`: the chain's newest block as the leader's node sees it. Labelled
   * (also) because prom-client shows an unlabelled gauge as 0 after a reset, where a follower must show none.
   */
  headBlock: Gauge<'chain_id'>;
  /** `ledger_indexed_block{chain_id}`: the newest block the chain indexer has stored. */
  indexedBlock: Gauge<'chain_id'>;
}

export function chainGauges(): ChainGauges {
  return {
    balance: replaced(
      () =>
        new Gauge({
          name: 'ledger_signer_balance_eth',
          help: 'Native balance (ETH) of the accounts that pay gas: account="settlement" signs payout batches, "relayer" relays anchors and consents. Reported by the chain leader only',
          labelNames: ['account', 'address'],
        }),
      'ledger_signer_balance_eth',
    ),
    headBlock: replaced(
      () =>
        new Gauge({
          name: 'ledger_chain_head_block',
          help: 'Newest block number of the chain, as the chain leader last read it',
          labelNames: ['chain_id'],
        }),
      'ledger_chain_head_block',
    ),
    indexedBlock: replaced(
      () =>
        new Gauge({
          name: 'ledger_indexed_block',
          help: 'Newest block the chain indexer has stored, as the chain leader last read it',
          labelNames: ['chain_id'],
        }),
      'ledger_indexed_block',
    ),
  };
}

/** Empties every chain gauge: a follower, or a leader whose last read failed, reports none (not stale ones). */
export function clearChainGauges(gauges: ChainGauges): void {
  gauges.balance.reset();
  gauges.headBlock.reset();
  gauges.indexedBlock.reset();
}

function replaced<G extends Gauge<string>>(create: () => G, name: string): G {
  // One gauge per registry: a bridge started later in the same process (tests) replaces an earlier one's.
  if (register.getSingleMetric(name)) register.removeSingleMetric(name);
  return create();
}
