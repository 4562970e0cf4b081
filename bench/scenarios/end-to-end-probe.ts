import type { Percentiles } from '../lib/stats.js';

/** The decision latency the platform promises at 80 % of its capacity (issue 16). */
export const DECISION_P99_LIMIT_MS = 2_000;
/** Refusals (429 or errors) a rate may cause and still count as sustained. */
const REFUSED_LIMIT = 0.01;
/** One run at one offered rate, every accepted claim followed to a final status. */
export interface ProbeFigures {
  rate: number;
  offered: number;
  accepted: number;
  shed: number;
  errors: number;
  firstError: string | undefined;
  complete: boolean;
  statusCounts: Record<string, number>;
  /** How far the load generator fell behind its schedule, at worst. */
  maxLagMs: number;
  sendSeconds: number;
  post: Percentiles;
  shedPost: Percentiles;
  toInReview: Percentiles;
  toDecision: Percentiles;
  toPaid: Percentiles;
  /** Between services, from their outboxes (full runs only, not the short runs of a capacity search). */
  stages: [string, Percentiles][];
}

export const sustained = (probe: ProbeFigures) =>
  probe.complete &&
  probe.toDecision.p99 <= DECISION_P99_LIMIT_MS &&
  (probe.shed + probe.errors) / probe.offered <= REFUSED_LIMIT;
