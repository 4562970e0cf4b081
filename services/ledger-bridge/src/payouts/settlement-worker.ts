import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Outbox } from '#libs/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { LedgerChain } from '../chain/ledger-chain.js';
import { BRIDGE_CONFIG } from '../config/bridge-config.provider.js';
import type { BridgeConfig } from '../config/bridge-config.js';
import { ChainLeadership, LeadershipLost } from '../leadership/chain-leadership.js';
import { BatchFollower } from './follow-batches.js';
import { BatchSubmitter } from './submit-batch.js';

/**
 * The one payout signer: each round follows the open batches and, when none is unmined, submits the next.
 * Only the chain leader runs rounds (docs/decisions/0013-one-signer-at-a-time.md); on a follower the payouts
 * its consumers store wait in the database for the leader. Failures (the node down, the database busy) end
 * the round, not the worker.
 */
@Injectable()
export class SettlementWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SettlementWorker');
  private readonly follower: BatchFollower;
  private readonly submitter: BatchSubmitter;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> = Promise.resolve();
  private stopped = false;
  private lastError = '';

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Outbox) outbox: Outbox,
    @Inject(LedgerChain) chain: LedgerChain,
    @Inject(BRIDGE_CONFIG) private readonly config: BridgeConfig,
    @Inject(ChainLeadership) private readonly leadership: ChainLeadership,
  ) {
    const fence = (manager: EntityManager) => leadership.fence(manager);
    this.follower = new BatchFollower(dataSource, outbox, chain, config, fence);
    this.submitter = new BatchSubmitter(dataSource, outbox, chain, config.batchSize, fence);
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
      this.round = this.runRound().then((busy) => this.schedule(busy ? 0 : this.config.pollMs));
    }, delayMs);
  }

  /** True when there may be more to do at once (a batch was just submitted). */
  private async runRound(): Promise<boolean> {
    try {
      if (!this.leadership.isLeader()) return false;
      const unmined = await this.follower.followAll();
      const submitted = unmined ? false : await this.submitter.submitNext();
      this.lastError = '';
      return submitted;
    } catch (error) {
      // Leadership lost mid-round: nothing was reserved (the fence rolled it back); the new leader goes on.
      if (error instanceof LeadershipLost) return false;
      const message = error instanceof Error ? error.message : String(error);
      // Logged once per distinct failure, so a chain down for minutes does not flood the log.
      if (message !== this.lastError) this.logger.warn(`payout round failed, retrying: ${message}`);
      this.lastError = message;
      return false;
    }
  }
}
