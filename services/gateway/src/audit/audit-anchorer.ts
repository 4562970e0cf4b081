import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { inTransaction } from '#libs/persistence';
import { RpcPatterns, type AuditAnchorView } from '#libs/contracts';
import { DataSource } from 'typeorm';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { ServiceRpc } from '../rpc/service-rpc.js';

/** The platform itself, asking the ledger bridge: no person's token stands behind an anchor. */
const ANCHORING_PRINCIPAL = { sub: 'gateway:audit-anchorer', role: 'admin' } as const;

/**
 * Anchors the audit chain's head on chain every AUDIT_ANCHOR_INTERVAL_SECONDS when it moved since the last
 * anchor, through the ledger bridge (the gateway never talks to the chain). Of several gateway replicas
 * only the one holding the advisory lock anchors in a round; the others skip it.
 */
@Injectable()
export class AuditAnchorer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditAnchorer');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly rpc: ServiceRpc,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.auditAnchorIntervalSeconds;
    if (seconds === 0) return;
    this.timer = setInterval(() => {
      this.running = this.anchorNow().catch((error: unknown) =>
        this.logger.warn(`audit head not anchored, next round retries: ${(error as Error).message}`),
      );
    }, seconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One round: the anchor made, or null when another replica holds the turn or the head has not moved. */
  anchorNow(): Promise<AuditAnchorView | null> {
    return inTransaction(this.dataSource, async (manager) => {
      const [{ locked }] = await manager.query<{ locked: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock(hashtext('gateway:audit-anchor')) AS locked`,
      );
      if (!locked) return null;
      const [head] = await manager.query<{ seq: string; hash: string }[]>(
        'SELECT seq::text AS seq, hash FROM audit_head WHERE id = 1',
      );
      const [last] = await manager.query<{ seq: string | null }[]>('SELECT max(seq)::text AS seq FROM audit_anchors');
      if (!head || head.seq === '0' || head.seq === last?.seq) return null;
      const caller = { principal: ANCHORING_PRINCIPAL, requestId: randomUUID() };
      const anchored = await this.rpc.call(RpcPatterns.anchorAudit, caller, { seq: Number(head.seq), head: head.hash });
      await manager.query(
        `INSERT INTO audit_anchors (seq, head, tx_hash, block_number) VALUES ($1, $2, $3, $4)
         ON CONFLICT (seq) DO NOTHING`,
        [head.seq, head.hash, anchored.txHash, anchored.blockNumber],
      );
      this.logger.log(`audit head ${head.seq} anchored in ${anchored.txHash}`);
      return anchored;
    });
  }
}
