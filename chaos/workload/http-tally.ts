import type { HttpObservations, ServerErrorSample } from '../verify/observations.js';
import { outcomeLabel, type AttemptOutcome } from './retry-policy.js';

/** What one attempt brought back, beyond its outcome, for the report. */
export interface AttemptDetail {
  key: string;
  atMs: number;
  detail?: string;
  requestId?: string;
  replayed: boolean;
}

/**
 * Counts every answer the load client got, keeps every 5xx other than 503 with the fault under way at
 * the time (so a 500 can be traced to the outage that caused it), and the retries and replays.
 */
export class HttpTally {
  private readonly statuses: Record<string, number> = {};
  private readonly serverErrors: ServerErrorSample[] = [];
  private unavailableWithoutRetryAfter = 0;
  private retries = 0;
  private replays = 0;

  constructor(private readonly faultUnderWay: () => string | undefined) {}

  record(outcome: AttemptOutcome, attempt: number, detail: AttemptDetail): void {
    const label = outcomeLabel(outcome);
    this.statuses[label] = (this.statuses[label] ?? 0) + 1;
    if (attempt > 1) this.retries += 1;
    if (detail.replayed) this.replays += 1;
    if (outcome.kind !== 'answer') return;
    if (outcome.status === 503 && outcome.retryAfterSeconds === undefined) this.unavailableWithoutRetryAfter += 1;
    if (outcome.status >= 500 && outcome.status !== 503) {
      this.serverErrors.push({
        atMs: detail.atMs,
        status: outcome.status,
        key: detail.key,
        ...(outcome.problemType ? { problemType: outcome.problemType } : {}),
        ...(detail.detail ? { detail: detail.detail } : {}),
        ...(detail.requestId ? { requestId: detail.requestId } : {}),
        ...(this.faultUnderWay() ? { duringFault: this.faultUnderWay() } : {}),
      });
    }
  }

  observations(): HttpObservations {
    return {
      statuses: { ...this.statuses },
      serverErrors: [...this.serverErrors],
      unavailableWithoutRetryAfter: this.unavailableWithoutRetryAfter,
      retries: this.retries,
      replays: this.replays,
    };
  }
}
