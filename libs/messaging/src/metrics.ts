import { Counter, Gauge, register } from 'prom-client';

/**
 * Prometheus metrics on the default registry (what /metrics serves). Looked up before creation
 * because a registry refuses a second metric of the same name, e.g. when two messaging runtimes
 * share one process in a test.
 */
function counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
  const existing = register.getSingleMetric(name);
  if (existing) return existing as Counter<L>;
  return new Counter({ name, help, labelNames });
}

function gauge<L extends string>(name: string, help: string, labelNames: readonly L[]): Gauge<L> {
  const existing = register.getSingleMetric(name);
  if (existing) return existing as Gauge<L>;
  return new Gauge({ name, help, labelNames });
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

/** 1 while a consumer holds its messages and waits for its database to answer again, else 0. */
export const consumerPaused = gauge(
  'messaging_consumer_paused',
  'Consumers paused on an unavailable database (1 = paused)',
  ['service', 'subject'],
);

/**
 * Transactions tried again because the database was unavailable (`kind="unavailable"`, once per
 * pause) or lost a race (`kind="conflict"`): retries that spent none of the message's deliveries.
 */
export const infrastructureRetriesTotal = counter(
  'messaging_infrastructure_retries_total',
  'Handler transactions retried after an infrastructure failure, without spending a delivery',
  ['service', 'subject', 'kind'],
);
