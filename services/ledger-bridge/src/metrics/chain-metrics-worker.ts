import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { computeAddress, formatEther } from 'ethers';
import { DataSource } from 'typeorm';
import { LedgerChain } from '../chain/ledger-chain.js';
import { BRIDGE_CONFIG } from '../config/bridge-config.provider.js';
import type { BridgeConfig } from '../config/bridge-config.js';
import { newestIndexedBlock } from '../indexer/index-store.js';
import { ChainLeadership } from '../leadership/chain-leadership.js';
import { chainGauges, clearChainGauges, type ChainGauges } from './chain-gauges.js';
import { registerConfirmationsRequired, registerPayoutGauges } from './payout-gauges.js';

/**
 * Fills the chain gauges on the chain leader every `LEDGER_METRICS_INTERVAL_MS` (one balance read per
 * account and one head read per round, never one per payout); a follower reports none, so only the
 * instance that signs and indexes speaks for the chain. Also registers the database-derived payout gauges and
 * the confirmations required, which every instance reports alike. A failed round (node down) empties the
 * gauges rather than leave stale numbers, and is logged once.
 */
@Injectable()
export class ChainMetricsWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ChainMetricsWorker');
  private readonly gauges: ChainGauges = chainGauges();
  private readonly relayerAddress: string;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> = Promise.resolve();
  private stopped = false;
  private lastError = '';

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(LedgerChain) private readonly chain: LedgerChain,
    @Inject(BRIDGE_CONFIG) private readonly config: BridgeConfig,
    @Inject(ChainLeadership) private readonly leadership: ChainLeadership,
  ) {
    this.relayerAddress = computeAddress(config.relayerKey);
    registerPayoutGauges(dataSource);
    registerConfirmationsRequired(config.confirmations);
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.round;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.runRound().then(() => this.schedule(this.config.metricsIntervalMs));
    }, delayMs);
  }

  private async runRound(): Promise<void> {
    if (!this.leadership.isLeader()) {
      clearChainGauges(this.gauges);
      return;
    }
    try {
      await this.read();
      this.lastError = '';
    } catch (error) {
      clearChainGauges(this.gauges);
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.lastError) this.logger.warn(`reading the chain gauges failed, retrying: ${message}`);
      this.lastError = message;
    }
  }

  private async read(): Promise<void> {
    const provider = this.chain.client.provider;
    const settlementAddress = this.chain.client.signer.address;
    const [settlement, relayer, head, indexed] = await Promise.all([
      provider.getBalance(settlementAddress),
      provider.getBalance(this.relayerAddress),
      provider.getBlockNumber(),
      newestIndexedBlock(this.dataSource.manager),
    ]);
    const { balance, headBlock, indexedBlock } = this.gauges;
    balance.reset();
    balance.set({ account: 'settlement', address: settlementAddress }, Number(formatEther(settlement)));
    balance.set({ account: 'relayer', address: this.relayerAddress }, Number(formatEther(relayer)));
    const chain = { chain_id: this.chain.client.chainId.toString() };
    headBlock.set(chain, head);
    // Before the indexer's first round nothing is stored: no value rather than a misleading 0.
    if (indexed) indexedBlock.set(chain, Number(indexed.number));
    else indexedBlock.reset();
  }
}
