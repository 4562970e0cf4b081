import { affectedRows } from '#libs/persistence';
import type { DataSource } from 'typeorm';
import { EVENT_MAX_AGE_MS } from './streams.js';

/** How long rows stay once they have done their job. */
export interface RetentionSettings {
  /** Published outbox rows: kept a while for inspection, never needed again by the relay. */
  publishedOutboxMs: number;
  /**
   * Inbox rows: longer than a stream keeps a message, so any message that can still be
   * (re)delivered is still recognised as handled.
   */
  inboxMs: number;
}

export const DEFAULT_RETENTION: RetentionSettings = {
  publishedOutboxMs: 24 * 60 * 60 * 1000,
  inboxMs: EVENT_MAX_AGE_MS + 24 * 60 * 60 * 1000,
};

/** Deletes published outbox rows and inbox rows past their retention; returns how many went. */
export async function pruneMessagingTables(
  dataSource: DataSource,
  retention: RetentionSettings = DEFAULT_RETENTION,
): Promise<{ outbox: number; inbox: number }> {
  const outbox = await affectedRows(
    dataSource,
    `DELETE FROM outbox WHERE published_at < now() - make_interval(secs => $1)`,
    [retention.publishedOutboxMs / 1000],
  );
  const inbox = await affectedRows(
    dataSource,
    `DELETE FROM inbox WHERE processed_at < now() - make_interval(secs => $1)`,
    [retention.inboxMs / 1000],
  );
  return { outbox, inbox };
}
