import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { newCorrelation } from '#libs/contracts';
import { Outbox } from '#libs/messaging';
import { inTransaction } from '#libs/persistence';
import { PhiCipher } from '#libs/phi';
import { CLAIMS_CONFIG, type ClaimsConfig } from '../claims.config.js';
import { advanceSaga } from '../saga/advance-saga.js';
import { reaskOverdueSettlements } from '../settlement/settlement-deadlines.js';

/**
 * Re-asks checks whose answer is overdue (DOMAIN.md: no claim may wait for ever on a lost message), and
 * after an approval the pricing and the payout while they are overdue (`claims.settlement.requested.v1`).
 * Every interval it takes a batch of claims with a passed deadline, locking their rows with SKIP
 * LOCKED, so several claims instances share the work and never re-ask the same check twice; the saga
 * decides what to re-ask and the requests leave through the outbox in the same transaction.
 */
@Injectable()
export class DeadlineScanner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DeadlineScanner');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(CLAIMS_CONFIG) private readonly config: ClaimsConfig,
    @Inject(PhiCipher) private readonly cipher: PhiCipher,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /**
   * Handles one batch of overdue claims; returns how many it took. The scan only picks claims: its
   * snapshot may predate another instance's commit of the same re-asks, so what is due is decided on the
   * saga as `advanceSaga` reads it after the lock (the saga re-asks only checks whose deadline passed).
   */
  async scanOnce(now = new Date()): Promise<number> {
    return inTransaction(this.dataSource, async (manager) => {
      const due: { claim_id: string }[] = await manager.query(
        `SELECT s.claim_id FROM claim_sagas s JOIN claims c ON c.id = s.claim_id
         WHERE s.next_deadline_at <= $1
         ORDER BY s.next_deadline_at
         LIMIT $2
         FOR UPDATE OF c SKIP LOCKED`,
        [now, this.config.deadlineScanBatch],
      );
      for (const { claim_id: claimId } of due) {
        const input = { type: 'deadlinesDue', at: now } as const;
        await advanceSaga(manager, this.outbox, claimId, input, newCorrelation(), this.config.deadlines, this.cipher);
      }
      return due.length;
    });
  }

  /** Handles one batch of approved claims whose pricing or payout is overdue; returns how many it took. */
  async scanSettlementsOnce(now = new Date()): Promise<number> {
    const { deadlines, deadlineScanBatch } = this.config;
    return inTransaction(this.dataSource, (manager) =>
      reaskOverdueSettlements(manager, this.outbox, now, deadlines, deadlineScanBatch, newCorrelation),
    );
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.scanUntilCaughtUp().finally(() => {
        this.running = undefined;
        this.schedule();
      });
    }, this.config.deadlineScanIntervalMs);
  }

  private async scanUntilCaughtUp(): Promise<void> {
    try {
      while (!this.stopped && (await this.scanOnce()) === this.config.deadlineScanBatch);
      while (!this.stopped && (await this.scanSettlementsOnce()) === this.config.deadlineScanBatch);
    } catch (error) {
      this.logger.error(`deadline scan failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
