import {
  ConfigError,
  readInt,
  readServiceConfig,
  readString,
  readUrl,
  readEnum,
  type ServiceConfig,
} from '#libs/config';

/**
 * Key of account 0 of the standard development mnemonic ("test test … junk"): deployer, treasury and
 * settler on the embedded chain (DOMAIN.md, On chain). Public; never use it on a real chain.
 */
export const DEV_SIGNER_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

/**
 * Development account 19 of the same mnemonic: the relayer that pays the gas of clinics' anchors and
 * patients' consents. A key of its own, so relays never take a nonce from the payout signer.
 */
export const DEV_RELAYER_KEY = '0xdf57089febbacf7ba0bc227dafbffa9fc08a93fdc68e1e42411a14efcf23656e';

export interface BridgeConfig extends ServiceConfig {
  chainRpcUrl: string;
  /** The one settlement key: signs every payout batch (and deploys on a development chain). */
  signerKey: string;
  /** Pays the gas of relayed anchors and consents (not the settlement key). */
  relayerKey: string;
  /** Blocks on top of (and including) the one holding a batch before its payouts count as settled. */
  confirmations: number;
  /** Most payouts per `settleBatch` transaction. */
  batchSize: number;
  /** How often the payout worker looks for work and follows its transactions. */
  pollMs: number;
  /** A broadcast transaction still unmined after this long is replaced with bumped fees, same nonce. */
  stuckAfterMs: number;
  /**
   * How often the chain leader reads the gas accounts' balances, the chain's head and the indexed block
   * into its gauges (ledger_signer_balance_eth, ledger_chain_head_block, ledger_indexed_block).
   */
  metricsIntervalMs: number;
  /** `auto`: deploy the contracts at start when none are recorded for the chain; `never`: wait for them. */
  deploy: 'auto' | 'never';
}

export function readBridgeConfig(env: NodeJS.ProcessEnv = process.env): BridgeConfig {
  return {
    ...readServiceConfig('ledger-bridge', env),
    chainRpcUrl: readUrl(env, 'CHAIN_RPC_URL', 'http://127.0.0.1:8545', ['http:', 'https:']),
    signerKey: readKey(env, 'LEDGER_SIGNER_KEY', DEV_SIGNER_KEY),
    relayerKey: readKey(env, 'LEDGER_RELAYER_KEY', DEV_RELAYER_KEY),
    confirmations: readInt(env, 'CONFIRMATIONS', 1, 1, 1000),
    batchSize: readInt(env, 'PAYOUT_BATCH_SIZE', 100, 1, 500),
    pollMs: readInt(env, 'PAYOUT_POLL_MS', 250, 10, 60_000),
    stuckAfterMs: readInt(env, 'PAYOUT_STUCK_AFTER_MS', 30_000, 100, 3_600_000),
    metricsIntervalMs: readInt(env, 'LEDGER_METRICS_INTERVAL_MS', 30_000, 100, 600_000),
    deploy: readEnum(env, 'LEDGER_DEPLOY', 'auto', ['auto', 'never'] as const),
  };
}

function readKey(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = readString(env, name, fallback);
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) {
    // Never echo the value: it is a private key.
    throw new ConfigError(name, 'must be a 0x-prefixed 32-byte hex private key');
  }
  return value;
}
