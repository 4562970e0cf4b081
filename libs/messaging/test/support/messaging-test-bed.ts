import { BusNamespace } from '#libs/contracts';
import { createDataSource, dropDatabase, openAndMigrate } from '#libs/persistence';
import { TEST_NATS_URL, testDatabaseUrl, testNamespace, waitFor } from '#libs/testing';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import { phiMigrations, type PhiCipher } from '#libs/phi';
import { openTestCipher } from '#libs/test-bed';
import { deleteStreams, durableName, messagingMigrations, provisionStreams } from '#libs/messaging';
import { CreateProbeEffects1800000000000, PROBE_SUBJECT, registerProbeSchema } from './probe.js';

/**
 * One test file's own world: a fresh database with the messaging tables, a random bus namespace
 * with its streams, and a NATS connection for looking at them. `close()` removes all of it.
 */
export interface MessagingTestBed {
  namespace: BusNamespace;
  databaseUrl: string;
  natsUrl: string;
  dataSource: DataSource;
  /** Seals the outbox's envelopes: pass it to `startMessaging`, `Outbox` and `OutboxRelay`. */
  cipher: PhiCipher;
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  close(): Promise<void>;
  /** Rows in probe_effects, all or for one message. */
  effects(messageId?: string): Promise<number>;
  /** Messages stored in one of the namespace's streams (bare name, e.g. CLAIMS, DLQ). */
  streamCount(stream: string): Promise<number>;
  /** Waits until the service's consumer of the probe subject has nothing pending or unacked. */
  consumerSettled(service: string, delivered: number): Promise<void>;
}

/**
 * `databaseUrlFor`: the URL of a database on another PostgreSQL (a private one that the test may stop,
 * e.g. `PrivatePostgres#urlFor`); by default the database lives on the shared server.
 */
export async function openMessagingTestBed(
  label: string,
  { databaseUrlFor }: { databaseUrlFor?: (database: string) => string } = {},
): Promise<MessagingTestBed> {
  registerProbeSchema();
  const namespace = new BusNamespace(testNamespace(label));
  const shared = testDatabaseUrl('messaging', namespace.prefix);
  const databaseUrl = databaseUrlFor ? databaseUrlFor(new URL(shared).pathname.slice(1)) : shared;
  const dataSource = await openAndMigrate(
    createDataSource({
      url: databaseUrl,
      entities: [],
      migrations: [...messagingMigrations, ...phiMigrations, CreateProbeEffects1800000000000],
      poolSize: 20,
    }),
  );
  const cipher = await openTestCipher(dataSource);
  const nc = await connect({ servers: TEST_NATS_URL, name: `test-${namespace.prefix}` });
  await provisionStreams(nc, namespace);
  const jsm = await jetstreamManager(nc);
  const bed: MessagingTestBed = {
    namespace,
    databaseUrl,
    natsUrl: TEST_NATS_URL,
    dataSource,
    cipher,
    nc,
    js: jetstream(nc),
    jsm,
    async close() {
      await deleteStreams(nc, namespace).catch(() => undefined);
      await nc.close();
      if (dataSource.isInitialized) await dataSource.destroy();
      await dropDatabase(databaseUrl);
    },
    async effects(messageId) {
      const rows: { count: string }[] = messageId
        ? await dataSource.query(`SELECT count(*) FROM probe_effects WHERE message_id = $1`, [messageId])
        : await dataSource.query(`SELECT count(*) FROM probe_effects`);
      return Number(rows[0].count);
    },
    async streamCount(stream) {
      const info = await jsm.streams.info(namespace.stream(stream));
      return info.state.messages;
    },
    async consumerSettled(service, delivered) {
      const stream = namespace.stream('CLAIMS');
      await waitFor(
        async () => {
          const info = await jsm.consumers.info(stream, durableName(service, PROBE_SUBJECT));
          return info.delivered.stream_seq >= delivered && info.num_pending === 0 && info.num_ack_pending === 0;
        },
        { what: `${service}'s consumer to ack everything`, timeoutMs: 20000 },
      );
    },
  };
  return bed;
}
