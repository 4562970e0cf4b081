import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstreamManager,
  ReplayPolicy,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import { readInt } from '#libs/config';
import { BusNamespace, STREAMS } from '#libs/contracts';
import { type ConsumerSettings } from './consumer-settings.js';
import { connectBus } from './nats-connection.js';
import { durableName, streamOf } from './naming.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long event streams keep messages; a consumer can be redelivered or replay within it. */
export const EVENT_MAX_AGE_MS = 7 * DAY_MS;
const DEAD_LETTER_MAX_AGE_MS = 30 * DAY_MS;
/** How long JetStream remembers a Nats-Msg-Id: longer than any relay retry after a crash. */
export const DUPLICATE_WINDOW_MS = 2 * 60 * 1000;

/** JetStream keeps at most 5 copies of a stream. */
const MAX_STREAM_REPLICAS = 5;

/**
 * `STREAM_REPLICAS`: copies of each stream a JetStream cluster keeps (default 1, a single server; 3 on a
 * 3-node cluster). Every process that provisions streams reads it, so a service starting before the
 * provisioning job still creates them at the deployment's replica count.
 */
export function readStreamReplicas(env: Record<string, string | undefined> = process.env): number {
  return readInt(env, 'STREAM_REPLICAS', 1, 1, MAX_STREAM_REPLICAS);
}

/** The stream configuration of one entry of STREAMS under a namespace. */
export function streamConfig(namespace: BusNamespace, stream: (typeof STREAMS)[number], replicas = 1): StreamConfig {
  return {
    name: namespace.stream(stream.name),
    subjects: stream.subjects.map((subject) => namespace.subject(subject)),
    storage: StorageType.File,
    // Limits, not interest: a consumer added later can still replay what it missed.
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    // Dead letters wait for a human, so they are kept longer than events.
    max_age: nanos(stream.name === 'DLQ' ? DEAD_LETTER_MAX_AGE_MS : EVENT_MAX_AGE_MS),
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    num_replicas: replicas,
  } as StreamConfig;
}

/**
 * Creates every stream of STREAMS under the namespace, or brings an existing one to this
 * configuration. Idempotent, so every service runs it at start and `npm start` runs it once more.
 * `replicas` defaults to `STREAM_REPLICAS`; a bad value throws `ConfigError` naming it.
 */
export async function provisionStreams(
  bus: string | NatsConnection,
  namespace: BusNamespace | string,
  replicas: number = readStreamReplicas(),
): Promise<void> {
  const ns = typeof namespace === 'string' ? new BusNamespace(namespace) : namespace;
  await withManager(bus, async (jsm) => {
    for (const stream of STREAMS) await upsertStream(jsm, streamConfig(ns, stream, replicas));
  });
}

/**
 * Deletes the namespace's streams (tests clean up with this). The unprefixed streams are a deployment's
 * own: deleting them takes `{ unprefixed: true }`, which only the local stack's reset passes.
 */
export async function deleteStreams(
  bus: string | NatsConnection,
  namespace: BusNamespace | string,
  { unprefixed = false }: { unprefixed?: boolean } = {},
): Promise<void> {
  const ns = typeof namespace === 'string' ? new BusNamespace(namespace) : namespace;
  if (!ns.prefix && !unprefixed) throw new Error('refusing to delete the production streams (empty namespace)');
  await withManager(bus, async (jsm) => {
    for (const stream of STREAMS) await jsm.streams.delete(ns.stream(stream.name)).catch(ignoreNotFound);
  });
}

/**
 * Deliveries the server allows beyond `maxDeliver`. The consumer decides on dead letters itself (a
 * failure of the handler on delivery `maxDeliver` or later), but deliveries are also spent where no
 * failure reaches it: a process that crashed or stopped while holding the message (for instance while
 * paused on a database outage), a dead-letter publish that failed. Were the server's limit reached
 * that way it would stop delivering the message with no dead letter; the headroom brings it back to
 * be handled or dead-lettered, while a message that crashes every process still ends.
 */
export const SERVER_DELIVERY_HEADROOM = 4;

/** The durable pull consumer of `service` for one bare subject. */
export function consumerConfig(
  namespace: BusNamespace,
  service: string,
  subject: string,
  settings: ConsumerSettings,
): Partial<ConsumerConfig> {
  return {
    durable_name: durableName(service, subject),
    filter_subject: namespace.subject(subject),
    ack_policy: AckPolicy.Explicit,
    ack_wait: nanos(settings.ackWaitMs),
    max_deliver: settings.maxDeliver + SERVER_DELIVERY_HEADROOM,
    max_ack_pending: settings.maxAckPending,
    deliver_policy: DeliverPolicy.All,
    replay_policy: ReplayPolicy.Instant,
  };
}

/**
 * Creates the durable consumer, or updates the settings that may change on a live consumer.
 * Returns the stream and durable names to bind to.
 */
export async function ensureConsumer(
  jsm: JetStreamManager,
  namespace: BusNamespace,
  service: string,
  subject: string,
  settings: ConsumerSettings,
): Promise<{ stream: string; durable: string }> {
  const stream = namespace.stream(streamOf(subject));
  const wanted = consumerConfig(namespace, service, subject, settings);
  const durable = wanted.durable_name as string;
  const existing = await jsm.consumers.info(stream, durable).catch(ignoreNotFound);
  if (!existing) {
    await jsm.consumers.add(stream, wanted);
  } else if (
    existing.config.ack_wait !== wanted.ack_wait ||
    existing.config.max_deliver !== wanted.max_deliver ||
    existing.config.max_ack_pending !== wanted.max_ack_pending
  ) {
    await jsm.consumers.update(stream, durable, {
      ack_wait: wanted.ack_wait,
      max_deliver: wanted.max_deliver,
      max_ack_pending: wanted.max_ack_pending,
    });
  }
  return { stream, durable };
}

async function upsertStream(jsm: JetStreamManager, config: StreamConfig): Promise<void> {
  const existing = await jsm.streams.info(config.name).catch(ignoreNotFound);
  if (!existing) {
    await jsm.streams.add(config);
    return;
  }
  const current = existing.config;
  // Replicas only ever go up here: a process started without STREAM_REPLICAS (a one-off script, an old
  // replica) must not shrink a clustered stream; scaling down is an operator's deliberate act.
  const replicas = Math.max(current.num_replicas ?? 1, config.num_replicas ?? 1);
  const same =
    current.subjects.join(' ') === config.subjects.join(' ') &&
    current.max_age === config.max_age &&
    current.duplicate_window === config.duplicate_window &&
    current.retention === config.retention &&
    current.discard === config.discard &&
    current.num_replicas === replicas;
  if (!same) await jsm.streams.update(config.name, { ...current, ...config, num_replicas: replicas });
}

async function withManager<T>(bus: string | NatsConnection, work: (jsm: JetStreamManager) => Promise<T>): Promise<T> {
  const connection = typeof bus === 'string' ? await connectBus(bus, 'provision-streams') : bus;
  try {
    return await work(await jetstreamManager(connection));
  } finally {
    if (typeof bus === 'string') await connection.close();
  }
}

function ignoreNotFound(error: unknown): undefined {
  if (
    error instanceof JetStreamApiError &&
    (error.code === JetStreamApiCodes.StreamNotFound || error.code === JetStreamApiCodes.ConsumerNotFound)
  ) {
    return undefined;
  }
  throw error;
}
