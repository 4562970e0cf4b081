import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LedgerChain } from '../chain/ledger-chain.js';
import { BRIDGE_CONFIG } from '../config/bridge-config.provider.js';
import type { BridgeConfig } from '../config/bridge-config.js';
import { ChainLeadership, LeadershipLost } from '../leadership/chain-leadership.js';
import { ChainIndexer } from './chain-indexer.js';

/**
 * Runs the chain indexer in rounds on the chain leader only (one indexer per database); a failed round
 * (node down) is logged once and retried.
 */
@Injectable()
export class IndexerWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IndexerWorker');
  private readonly indexer: ChainIndexer;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> = Promise.resolve();
  private stopped = false;
  private lastError = '';

  constructor(
    @Inject(DataSource) dataSource: DataSource,
    @Inject(LedgerChain) chain: LedgerChain,
    @Inject(BRIDGE_CONFIG) private readonly config: BridgeConfig,
    @Inject(ChainLeadership) private readonly leadership: ChainLeadership,
  ) {
    this.indexer = new ChainIndexer(dataSource, chain, (manager) => leadership.fence(manager));
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
      this.round = (this.leadership.isLeader() ? this.indexer.indexRound() : Promise.resolve(true))
        .then((caughtUp) => {
          this.lastError = '';
          return caughtUp;
        })
        .catch((error: unknown) => {
          if (error instanceof LeadershipLost) return true;
          const message = error instanceof Error ? error.message : String(error);
          if (message !== this.lastError) this.logger.warn(`indexing round failed, retrying: ${message}`);
          this.lastError = message;
          return true;
        })
        .then((caughtUp) => this.schedule(caughtUp ? this.config.pollMs * 2 : 0));
    }, delayMs);
  }
}
