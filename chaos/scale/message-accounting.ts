import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { natsServers } from '#libs/config';
import { STREAMS } from '#libs/contracts';
import { subjectMatches } from '#libs/messaging';
import { check, sample, type CheckResult } from '../verify/check.js';

/** One event subject: rows its producers' outboxes hold, and messages its stream holds. */
export interface SubjectCount {
  subject: string;
  written: number;
  unpublished: number;
  inStream: number;
}

/** One durable consumer: messages its filter matches in the stream, and inbox rows its service wrote. */
export interface ConsumerCount {
  stream: string;
  consumer: string;
  filter: string;
  inStream: number;
  /** Inbox rows of this consumer: messages it handled, once each (the inbox key is (consumer, message id)). */
  handled: number;
  pending: number;
  ackPending: number;
}

export interface StreamCopies {
  stream: string;
  replicas: number;
  /** Copies current with the leader at the end (the leader counted). */
  current: number;
}

export interface MessageAccounting {
  subjects: SubjectCount[];
  consumers: ConsumerCount[];
  streams: StreamCopies[];
}

/**
 * Counts every event along its way once the platform is quiet: rows written to the six outboxes by
 * subject, messages in the streams by subject (JetStream's per-subject counts), and for each durable
 * consumer what its filter matches, what its service's inbox recorded as handled, and what it has not
 * finished. Event messages carry their outbox row's id as Nats-Msg-Id and the inbox keeps one row per
 * (consumer, message id), so equal counts mean each event was published once and handled once by each
 * consumer.
 */
export async function readMessageAccounting(natsUrl: string, databaseUrls: string[]): Promise<MessageAccounting> {
  const written = new Map<string, { written: number; unpublished: number }>();
  const handled = new Map<string, number>();
  for (const url of databaseUrls) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // The gateway neither publishes events nor consumes them: its database has no outbox or inbox.
      const tables = await client.query<{ outbox: boolean; inbox: boolean }>(
        `SELECT to_regclass('outbox') IS NOT NULL AS outbox, to_regclass('inbox') IS NOT NULL AS inbox`,
      );
      if (!tables.rows[0].outbox || !tables.rows[0].inbox) continue;
      const outbox = await client.query<{ subject: string; written: string; unpublished: string }>(
        `SELECT subject, count(*) AS written, count(*) FILTER (WHERE published_at IS NULL) AS unpublished
         FROM outbox GROUP BY subject`,
      );
      for (const row of outbox.rows) {
        const sum = written.get(row.subject) ?? { written: 0, unpublished: 0 };
        written.set(row.subject, {
          written: sum.written + Number(row.written),
          unpublished: sum.unpublished + Number(row.unpublished),
        });
      }
      const inbox = await client.query<{ consumer: string; handled: string }>(
        `SELECT consumer, count(*) AS handled FROM inbox GROUP BY consumer`,
      );
      for (const row of inbox.rows) handled.set(row.consumer, (handled.get(row.consumer) ?? 0) + Number(row.handled));
    } finally {
      await client.end();
    }
  }

  const connection = await connect({ servers: natsServers(natsUrl), name: 'scale-accounting' });
  try {
    const jsm = await jetstreamManager(connection);
    const inStream = new Map<string, number>();
    const streams: StreamCopies[] = [];
    const consumers: ConsumerCount[] = [];
    for (const { name } of STREAMS) {
      const info = await jsm.streams.info(name, { subjects_filter: '>' });
      for (const [subject, count] of Object.entries(info.state.subjects ?? {})) inStream.set(subject, count);
      const followers = info.cluster?.replicas ?? [];
      streams.push({
        stream: name,
        replicas: info.config.num_replicas,
        current: 1 + followers.filter((replica) => replica.current && !replica.offline).length,
      });
      if (name === 'DLQ') continue;
      for await (const consumer of jsm.consumers.list(name)) {
        if (!consumer.config.durable_name) continue;
        const filter = consumer.config.filter_subject ?? '>';
        consumers.push({
          stream: name,
          consumer: consumer.name,
          filter,
          inStream: [...inStream].filter(([subject]) => subjectMatches(filter, subject)).reduce((n, [, c]) => n + c, 0),
          handled: handled.get(consumer.name) ?? 0,
          pending: consumer.num_pending,
          ackPending: consumer.num_ack_pending,
        });
      }
    }
    const subjects = new Set([
      ...written.keys(),
      ...[...inStream.keys()].filter((subject) => !subject.startsWith('dlq.')),
    ]);
    return {
      subjects: [...subjects].sort().map((subject) => ({
        subject,
        written: written.get(subject)?.written ?? 0,
        unpublished: written.get(subject)?.unpublished ?? 0,
        inStream: inStream.get(subject) ?? 0,
      })),
      consumers,
      streams,
    };
  } finally {
    await connection.close();
  }
}

/** Every event written is in its stream once: counts equal by subject, nothing left unpublished. */
export function noMessageLost(accounting: MessageAccounting): CheckResult {
  const problems = accounting.subjects
    .filter((count) => count.unpublished > 0 || count.written !== count.inStream)
    .map(
      (count) =>
        `${count.subject}: ${count.written} written to outboxes (${count.unpublished} unpublished), ${count.inStream} in the stream`,
    );
  const total = accounting.subjects.reduce((n, count) => n + count.inStream, 0);
  return check(
    'no-message-lost',
    'by subject, the events written to the outboxes = the messages in the streams, none unpublished',
    problems,
    `${total} messages over ${accounting.subjects.length} subjects, every count equal`,
  );
}

/** Every durable consumer handled each message of its filter once and has nothing left. */
export function everyMessageHandledOnce(accounting: MessageAccounting): CheckResult {
  const problems = accounting.consumers
    .filter((count) => count.handled !== count.inStream || count.pending > 0 || count.ackPending > 0)
    .map(
      (count) =>
        `${count.consumer} (${count.filter}): ${count.inStream} in the stream, ${count.handled} handled, ${count.pending} pending, ${count.ackPending} awaiting ack`,
    );
  return check(
    'every-message-handled-once',
    "each durable consumer's inbox holds one row per message its filter matches; none pending",
    problems,
    `${accounting.consumers.length} consumers, ${accounting.consumers.reduce((n, count) => n + count.handled, 0)} messages handled, each once`,
  );
}

/** Every stream kept its copies and ended with all of them current (the killed node caught up). */
export function streamsReplicated(accounting: MessageAccounting, replicas: number): CheckResult {
  const problems = accounting.streams
    .filter((stream) => stream.replicas !== replicas || stream.current !== replicas)
    .map((stream) => `${stream.stream}: ${stream.current} of ${stream.replicas} copies current (want ${replicas})`);
  return check(
    'streams-replicated',
    `every stream at ${replicas} copies, all current at the end`,
    problems,
    sample(accounting.streams, 10, (stream) => `${stream.stream} ${stream.current}/${stream.replicas}`),
  );
}
