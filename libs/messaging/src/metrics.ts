import { Counter, register } from 'prom-client';

/**
 * Prometheus counters on the default registry (what /metrics serves). Looked up before creation
 * because a registry refuses a second metric of the same name, e.g. when two messaging runtimes
 * share one process in a test.
 */
function counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
  const existing = register.getSingleMetric(name);
  if (existing) return existing as Counter<L>;
  return new Counter({ name, help, labelNames });
}

export const publishedTotal = counter('messaging_outbox_published_total', 'Outbox events published to JetStream', [
  'service',
]);

export const handledTotal = counter('messaging_handled_total', 'Bus messages handled, by outcome', [
  'service',
  'subject',
  'outcome',
]);

/** The alert metric: any increase means a message needs a human (ARCHITECTURE.md, Messages). */
export const deadLetteredTotal = counter('messaging_dead_lettered_total', 'Messages moved to the dead-letter stream', [
  'service',
  'subject',
  'reason',
]);
