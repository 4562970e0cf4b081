import type { JsMsg, StoredMsg } from '@nats-io/jetstream';
import type { MsgHdrs } from '@nats-io/transport-node';
import type { RawDeadLetter } from './dead-letter-entry.js';

/** A dead letter as stored in its stream, or as a consumer delivered it, in one shape for the entry views. */
export function rawFromStored(stored: StoredMsg): RawDeadLetter {
  return {
    seq: stored.seq,
    subject: stored.subject,
    headers: headerRecord(stored.header),
    data: stored.data,
    storedAt: stored.time,
  };
}

export function rawFromConsumer(msg: JsMsg): RawDeadLetter {
  return { seq: msg.seq, subject: msg.subject, headers: headerRecord(msg.headers), data: msg.data, storedAt: msg.time };
}

function headerRecord(headers: MsgHdrs | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const key of headers?.keys() ?? []) record[key] = headers?.get(key) ?? '';
  return record;
}
