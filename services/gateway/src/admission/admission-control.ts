import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type CanActivate } from '@nestjs/common';
import { RpcPatterns } from '#libs/contracts';
import { Counter, Gauge, register } from 'prom-client';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { ProblemException } from '../http/problem.exception.js';
import { ServiceRpc } from '../rpc/service-rpc.js';
import { ReviewBacklog } from './review-backlog.js';

/** The platform itself asking the claims service: no person's token stands behind a backlog count. */
const ADMISSION_PRINCIPAL = { sub: 'gateway:admission-control', role: 'admin' } as const;
/** At most one warning per this long while the backlog cannot be counted. */
const WARN_EVERY_MS = 30_000;

/** Looked up first: several gateways in one test process share the default registry. */
const shed =
  (register.getSingleMetric('gateway_claims_shed_total') as Counter | undefined) ??
  new Counter({
    name: 'gateway_claims_shed_total',
    help: 'Claims refused with 429 (nothing stored) because the review backlog was at ADMISSION_MAX_REVIEW_BACKLOG',
  });
const backlogSeen =
  (register.getSingleMetric('gateway_review_backlog_claims') as Gauge | undefined) ??
  new Gauge({
    name: 'gateway_review_backlog_claims',
    help: 'Claims waiting for review as this gateway last estimated them for admission control',
  });

/**
 * Admission control of POST /v1/claims (docs/decisions/0016-admission-control.md): while the claims
 * waiting for review are at the bound, a new claim is answered 429 `review-backlog-full` with
 * Retry-After before anything else runs (no idempotency key, no audit row, no call to the claims
 * service), so a refusal costs almost nothing and stores nothing. A guard, so it runs after
 * authentication and the role check and before the body is validated or the handler runs.
 */
@Injectable()
export class AdmissionGuard implements CanActivate {
  private readonly logger = new Logger('AdmissionControl');
  private readonly backlog: ReviewBacklog;
  private readonly bound: number;
  private readonly retryAfterSeconds: string;
  private lastWarnedAt = 0;

  constructor(rpc: ServiceRpc, @Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    const { maxReviewBacklog, refreshMs } = config.admission;
    this.bound = maxReviewBacklog;
    // By then this replica has counted the backlog again.
    this.retryAfterSeconds = String(Math.max(1, Math.ceil(refreshMs / 1000)));
    this.backlog = new ReviewBacklog({
      refreshMs,
      count: async () => {
        const caller = { principal: ADMISSION_PRINCIPAL, requestId: randomUUID() };
        const { claims } = await rpc.call(RpcPatterns.reviewBacklog, caller, {});
        if (!Number.isInteger(claims) || claims < 0) throw new Error(`the claims service counted ${String(claims)}`);
        return claims;
      },
      onCountFailed: (error) => this.warn(error),
    });
  }

  async canActivate(): Promise<boolean> {
    if (this.bound === 0) return true;
    const estimate = await this.backlog.estimate();
    if (estimate !== null) backlogSeen.set(estimate);
    if (estimate !== null && estimate >= this.bound) {
      shed.inc();
      throw ProblemException.of(
        'review-backlog-full',
        `${estimate} claims are waiting for review, the most this platform takes on at once; nothing was stored, retry after ${this.retryAfterSeconds} s`,
        { headers: { 'Retry-After': this.retryAfterSeconds } },
      );
    }
    this.backlog.admitted();
    return true;
  }

  private warn(error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarnedAt < WARN_EVERY_MS) return;
    this.lastWarnedAt = now;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(`could not count the review backlog (${reason}); claims are admitted until it can be counted`);
  }
}
