import { jetstream, jetstreamManager, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { BusNamespace, STREAMS } from '#libs/contracts';

/** Messages stored so far on each (bare) subject of a namespace's streams, and how each stream stores them. */
export interface BusCounts {
  bySubject: Record<string, number>;
  /** Stream name → storage ("file" or "memory"), to show the figures were made on durable streams. */
  storage: Record<string, string>;
}

async function withManager<T>(natsUrl: string, work: (jsm: JetStreamManager) => Promise<T>): Promise<T> {
  const nc = await connect({ servers: natsUrl, name: 'bench-bus-stats' });
  try {
    return await work(await jetstreamManager(nc));
  } finally {
    await nc.close();
  }
}

/** Reads every stream of the namespace with its per-subject message counts (one info call per stream). */
export function busCounts(natsUrl: string, namespace: string): Promise<BusCounts> {
  const ns = new BusNamespace(namespace);
  return withManager(natsUrl, async (jsm) => {
    const counts: BusCounts = { bySubject: {}, storage: {} };
    for (const stream of STREAMS) {
      const info = await jsm.streams.info(ns.stream(stream.name), { subjects_filter: '>' });
      counts.storage[stream.name] = info.config.storage === StorageType.File ? 'file' : String(info.config.storage);
      for (const [subject, count] of Object.entries(info.state.subjects ?? {})) {
        counts.bySubject[ns.strip(subject)] = count;
      }
    }
    return counts;
  });
}

/** Messages per subject added between two readings (subjects with none left out), most first. */
export function busDelta(before: BusCounts, after: BusCounts): [string, number][] {
  return Object.entries(after.bySubject)
    .map(([subject, count]): [string, number] => [subject, count - (before.bySubject[subject] ?? 0)])
    .filter(([, added]) => added > 0)
    .sort((a, b) => b[1] - a[1]);
}

/**
 * The bus's ceiling on this machine: `count` publishes to a scratch file-storage stream under the
 * namespace, `inFlight` awaiting their acks at a time (async publishes), messages per second; the
 * stream is deleted afterwards.
 */
export async function jetStreamPublishRate(natsUrl: string, namespace: string, count = 50_000, inFlight = 256) {
  const ns = new BusNamespace(namespace);
  const stream = ns.stream('BENCH_CEILING');
  const subject = ns.subject('bench.ceiling');
  const nc = await connect({ servers: natsUrl, name: 'bench-ceiling' });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: stream, subjects: [subject], storage: StorageType.File, num_replicas: 1 });
    try {
      const js = jetstream(nc);
      // A payload the size of a typical event envelope.
      const payload = new TextEncoder().encode(JSON.stringify({ id: 'x'.repeat(36), data: 'y'.repeat(400) }));
      const started = performance.now();
      let next = 0;
      const worker = async () => {
        while (next < count) {
          next += 1;
          await js.publish(subject, payload);
        }
      };
      await Promise.all(Array.from({ length: inFlight }, worker));
      const elapsedMs = performance.now() - started;
      return { count, inFlight, perSecond: (count / elapsedMs) * 1000 };
    } finally {
      await jsm.streams.delete(stream);
    }
  } finally {
    await nc.close();
  }
}
