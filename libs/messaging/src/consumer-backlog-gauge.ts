import { Gauge, register } from 'prom-client';

/** What a consumer's server-side state says of its backlog (JetStream consumer info). */
export interface ConsumerBacklog {
  service: string;
  subject: string;
  /** Messages on the stream not yet delivered to the consumer (`num_pending`). */
  pending: number;
  /** Delivered and not yet acked (`num_ack_pending`): being handled, or held while paused. */
  ackPending: number;
}

export interface BacklogSource {
  backlog(): Promise<ConsumerBacklog>;
}

const watched = new Set<BacklogSource>();

/**
 * `messaging_consumer_pending{service,subject}` and `messaging_consumer_ack_pending{service,subject}`:
 * each running consumer's backlog as JetStream keeps it, read when /metrics is scraped (one consumer
 * info request each, no state kept). Every instance of a service shares its durable consumers and
 * reports the same numbers: take the max. A consumer NATS does not answer for is left out of the scrape.
 */
export function watchConsumerBacklog(source: BacklogSource): () => void {
  backlogGauges();
  watched.add(source);
  return () => watched.delete(source);
}

async function readAll(): Promise<ConsumerBacklog[]> {
  const read = await Promise.all([...watched].map((source) => source.backlog().catch(() => undefined)));
  return read.filter((backlog): backlog is ConsumerBacklog => backlog !== undefined);
}

function backlogGauges(): void {
  // A registry refuses a second metric of one name (several services in one test process).
  if (register.getSingleMetric('messaging_consumer_pending')) return;
  new Gauge({
    name: 'messaging_consumer_pending',
    help: 'Messages on the stream not yet delivered to the service’s consumer, per subject',
    labelNames: ['service', 'subject'],
    async collect() {
      this.reset();
      for (const { service, subject, pending } of await readAll()) this.set({ service, subject }, pending);
    },
  });
  new Gauge({
    name: 'messaging_consumer_ack_pending',
    help: 'Messages delivered to the service’s consumer and not yet acknowledged, per subject',
    labelNames: ['service', 'subject'],
    async collect() {
      this.reset();
      for (const { service, subject, ackPending } of await readAll()) this.set({ service, subject }, ackPending);
    },
  });
}
