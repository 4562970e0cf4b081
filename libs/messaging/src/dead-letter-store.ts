import { BusNamespace } from '#libs/contracts';
import {
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
  type StoredMsg,
} from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import {
  bareOriginalSubject,
  replayHeaders,
  replayMessageId,
  toDeadLetterDetail,
  toDeadLetterEntry,
  type DeadLetterDetail,
  type DeadLetterEntry,
} from './dead-letter-entry.js';
import { deadLetterFilterSubject, type DeadLetterFilter } from './dead-letter-filter.js';
import { rawFromConsumer, rawFromStored } from './dead-letter-raw.js';
import { readDeadLetters } from './dead-letter-reader.js';

export interface DeadLetterListOptions extends DeadLetterFilter {
  /** At most this many entries (default 100). */
  limit?: number;
  /** Only letters after this id: the `nextAfter` of the previous page. */
  after?: number;
}

export interface DeadLetterPage {
  items: DeadLetterEntry[];
  /** Pass as `after` for the next page; null when this page holds the last matching letter. */
  nextAfter: number | null;
}

export interface DeadLetterReplayed {
  outcome: 'replayed';
  id: number;
  subject: string;
  envelopeId: string | null;
  /** JetStream already had this replay (an earlier one crashed before removing the letter). */
  duplicate: boolean;
}

export type DeadLetterReplay = DeadLetterReplayed | { outcome: 'not-found'; id: number };

export interface DeadLetterReplaySummary {
  replayed: DeadLetterReplayed[];
  /** Letters that were gone when their turn came (replayed meanwhile by someone else). */
  notFound: number[];
  /** The letter whose replay failed; the ones after it were left alone (replay again later). */
  failed: { id: number; error: string } | null;
}

export const DEFAULT_DEAD_LETTER_LIMIT = 100;

/**
 * The dead letters of a namespace (its `DLQ` stream), listed, shown and replayed. A replay
 * republishes the original payload and headers to the original subject, then removes the letter:
 * - its `Nats-Msg-Id` is derived from the letter, so replays within the duplicate window are one message;
 * - the consuming service's inbox dedupes by envelope id, so a replay after a crash between publish and
 *   removal, or of a message that was in fact handled, never runs a handler twice;
 * - every consumer of the subject receives it again, and those that had handled it skip it the same way.
 * NATS 2.9 features only: stream message get/delete and an ordered consumer for listing.
 */
export class DeadLetterStore {
  readonly namespace: BusNamespace;
  /** The DLQ stream's name under the namespace. */
  readonly stream: string;
  private readonly js: JetStreamClient;
  private manager: Promise<JetStreamManager> | undefined;

  constructor(
    private readonly connection: NatsConnection,
    namespace: BusNamespace | string,
  ) {
    this.namespace = typeof namespace === 'string' ? new BusNamespace(namespace) : namespace;
    this.stream = this.namespace.stream('DLQ');
    this.js = jetstream(connection);
  }

  async list({
    limit = DEFAULT_DEAD_LETTER_LIMIT,
    after,
    ...filter
  }: DeadLetterListOptions = {}): Promise<DeadLetterPage> {
    if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`limit must be a positive integer, got ${limit}`);
    if (after !== undefined && (!Number.isSafeInteger(after) || after < 0)) {
      throw new Error(`after must be a dead-letter id, got ${after}`);
    }
    const items: DeadLetterEntry[] = [];
    let more = false;
    const letters = readDeadLetters(this.js, this.stream, {
      filterSubject: deadLetterFilterSubject(this.namespace, filter.subject),
      since: filter.since,
      after,
    });
    for await (const { letter, remaining } of letters) {
      items.push(toDeadLetterEntry(rawFromConsumer(letter), this.namespace));
      more = remaining > 0;
      if (items.length === limit) break;
    }
    return { items, nextAfter: more ? items[items.length - 1].id : null };
  }

  /** The letter with its headers and payload; null when there is none with this id (replayed, or never). */
  async show(id: number): Promise<DeadLetterDetail | null> {
    const stored = await this.get(id);
    return stored ? toDeadLetterDetail(rawFromStored(stored), this.namespace) : null;
  }

  async replay(id: number): Promise<DeadLetterReplay> {
    const stored = await this.get(id);
    if (!stored) return { outcome: 'not-found', id };
    const letter = rawFromStored(stored);
    const entry = toDeadLetterEntry(letter, this.namespace);
    const headers = natsHeaders();
    for (const [key, value] of Object.entries(replayHeaders(letter.headers))) headers.set(key, value);
    const subject = bareOriginalSubject(letter.subject, this.namespace);
    const ack = await this.js.publish(this.namespace.subject(subject), letter.data, {
      headers,
      msgID: replayMessageId(this.stream, id),
    });
    await this.remove(id);
    return { outcome: 'replayed', id, subject, envelopeId: entry.envelopeId, duplicate: ack.duplicate };
  }

  /** Replays every letter the filter matches, oldest first, and stops at the first that fails. */
  async replayAll(filter: DeadLetterFilter = {}): Promise<DeadLetterReplaySummary> {
    const summary: DeadLetterReplaySummary = { replayed: [], notFound: [], failed: null };
    let after: number | undefined;
    do {
      const page = await this.list({ ...filter, after, limit: DEFAULT_DEAD_LETTER_LIMIT });
      for (const { id } of page.items) {
        try {
          const result = await this.replay(id);
          if (result.outcome === 'replayed') summary.replayed.push(result);
          else summary.notFound.push(id);
        } catch (error) {
          summary.failed = { id, error: error instanceof Error ? error.message : String(error) };
          return summary;
        }
      }
      after = page.nextAfter ?? undefined;
    } while (after !== undefined);
    return summary;
  }

  /** Letters waiting per bare original subject (for the `messaging_dead_letters_waiting` gauge). */
  async waitingBySubject(): Promise<Record<string, number>> {
    const jsm = await this.jsm();
    const info = await jsm.streams
      .info(this.stream, { subjects_filter: deadLetterFilterSubject(this.namespace, undefined) })
      .catch(nullWhenMissing);
    const waiting: Record<string, number> = {};
    for (const [subject, count] of Object.entries(info?.state.subjects ?? {})) {
      waiting[bareOriginalSubject(subject, this.namespace)] = count;
    }
    return waiting;
  }

  private async get(id: number): Promise<StoredMsg | null> {
    if (!Number.isSafeInteger(id) || id < 1) return null;
    const jsm = await this.jsm();
    return jsm.streams.getMessage(this.stream, { seq: id }).catch(nullWhenMissing);
  }

  /** Removes a letter; one that a concurrent replay removed first is as good as removed. */
  private async remove(id: number): Promise<void> {
    const jsm = await this.jsm();
    try {
      await jsm.streams.deleteMessage(this.stream, id);
    } catch (error) {
      if ((await this.get(id)) !== null) throw error;
    }
  }

  private jsm(): Promise<JetStreamManager> {
    // Without the API check no request is made; a failed one is not kept.
    this.manager ??= jetstreamManager(this.connection, { checkAPI: false }).catch((error: unknown) => {
      this.manager = undefined;
      throw error;
    });
    return this.manager;
  }
}

/** A stream that was never provisioned has no dead letters; a letter already removed is not found. */
function nullWhenMissing(error: unknown): null {
  if (
    error instanceof JetStreamApiError &&
    (error.code === JetStreamApiCodes.StreamNotFound || error.code === JetStreamApiCodes.NoMessageFound)
  ) {
    return null;
  }
  throw error;
}
