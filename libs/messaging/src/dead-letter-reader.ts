import {
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type Consumer,
  type JetStreamClient,
  type JsMsg,
  type OrderedConsumerOptions,
} from '@nats-io/jetstream';

export interface DeadLetterReadOptions {
  /** The namespaced JetStream filter (`<ns>.dlq.>`, `<ns>.dlq.billing.>`, …). */
  filterSubject: string;
  since?: Date;
  /** Start after this stream sequence (a page's last id). */
  after?: number;
}

/** How many letters a fetch asks for at most: a page of the API, give or take. */
const BATCH = 256;
/** A fetch waits this long at most, e.g. when letters were removed after the consumer counted them. */
const FETCH_EXPIRES_MS = 2000;

/**
 * The letters of the DLQ stream that match, oldest first, each with how many matching letters
 * follow it. Read with an ordered consumer (an ephemeral, memory-backed consumer that acks nothing
 * and is deleted afterwards), which JetStream positions by sequence or time itself, so a page costs
 * one consumer and a fetch instead of a request per letter. A stream that does not exist has none.
 */
export async function* readDeadLetters(
  js: JetStreamClient,
  stream: string,
  { filterSubject, since, after }: DeadLetterReadOptions,
): AsyncGenerator<{ letter: JsMsg; remaining: number }> {
  const consumer = await orderedConsumer(js, stream, consumerOptions(filterSubject, since, after));
  if (!consumer) return;
  try {
    let remaining = (await consumer.info(true)).num_pending;
    while (remaining > 0) {
      const batch = await consumer.fetch({ max_messages: Math.min(remaining, BATCH), expires: FETCH_EXPIRES_MS });
      let received = 0;
      for await (const letter of batch) {
        received++;
        remaining = letter.info.pending;
        // JetStream may start a little before `since` (its time index is coarse): the letter's own time decides.
        if (since && letter.time < since) continue;
        yield { letter, remaining };
        if (remaining === 0) break;
      }
      if (received === 0) return;
    }
  } finally {
    await consumer.delete().catch(() => undefined);
  }
}

function consumerOptions(filterSubject: string, since?: Date, after?: number): Partial<OrderedConsumerOptions> {
  // One filter as a string: JetStream 2.9 knows `filter_subject`, not the 2.10 `filter_subjects` list.
  const options: Partial<OrderedConsumerOptions> = { filter_subjects: filterSubject };
  if (after !== undefined) return { ...options, opt_start_seq: after + 1 };
  if (since) return { ...options, opt_start_time: since.toISOString() };
  return { ...options, deliver_policy: DeliverPolicy.All };
}

async function orderedConsumer(
  js: JetStreamClient,
  stream: string,
  options: Partial<OrderedConsumerOptions>,
): Promise<Consumer | null> {
  try {
    return await js.consumers.get(stream, options);
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) return null;
    throw error;
  }
}
