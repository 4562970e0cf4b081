import { Gauge, register } from 'prom-client';
import type { DeadLetterStore } from './dead-letter-store.js';

const GAUGE_NAME = 'messaging_dead_letters_waiting';
const watched = new Set<DeadLetterStore>();

/**
 * `messaging_dead_letters_waiting{subject}`: letters in the DLQ stream now, per original subject,
 * read from the stream's info when /metrics is scraped (one request, no state kept). Where
 * `messaging_dead_lettered_total` says a message needed a human, this says one still does.
 * A scrape while NATS is unreachable leaves the gauge empty rather than failing /metrics.
 */
export function watchDeadLettersWaiting(store: DeadLetterStore): () => void {
  deadLettersWaitingGauge();
  watched.add(store);
  return () => watched.delete(store);
}

function deadLettersWaitingGauge(): Gauge<'subject'> {
  // A registry refuses a second metric of one name (two gateways in one test process).
  const existing = register.getSingleMetric(GAUGE_NAME);
  if (existing) return existing as Gauge<'subject'>;
  return new Gauge({
    name: GAUGE_NAME,
    help: 'Dead letters waiting for a replay or a human, per original subject',
    labelNames: ['subject'],
    async collect() {
      this.reset();
      const counts = await Promise.all([...watched].map((store) => store.waitingBySubject().catch(() => ({}))));
      const total = new Map<string, number>();
      for (const waiting of counts) {
        for (const [subject, count] of Object.entries(waiting)) total.set(subject, (total.get(subject) ?? 0) + count);
      }
      for (const [subject, count] of total) this.set({ subject }, count);
    },
  });
}
