import pg from 'pg';
import type { DataSource } from 'typeorm';
import { describeError, type MessagingLogger } from './logger.js';
import { OUTBOX_CHANNEL } from './migrations/create-outbox.migration.js';

/**
 * A dedicated PostgreSQL session LISTENing on the outbox channel: calls `onWake` when an event
 * commits, and once after every (re)connect because notifications sent while it was away are lost.
 * It reconnects by itself; meanwhile the relay's polling keeps events flowing. The loss is logged once
 * and the return once, not every failed reconnect of a database outage.
 */
export class OutboxWakeup {
  private client: pg.Client | undefined;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Set from a loss until the next successful LISTEN. */
  private lostAt: number | undefined;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly onWake: () => void,
    private readonly logger: MessagingLogger,
    private readonly retryMs = 1000,
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client(this.config);
    client.on('notification', () => this.onWake());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.client = client;
      if (this.lostAt !== undefined) {
        const seconds = ((Date.now() - this.lostAt) / 1000).toFixed(1);
        this.logger.warn(`outbox LISTEN connection is back after ${seconds} s`);
        this.lostAt = undefined;
      }
      this.onWake();
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.stopped || this.retryTimer) return;
    if (this.client && this.client !== client) return;
    if (this.lostAt === undefined) {
      this.lostAt = Date.now();
      this.logger.warn(`outbox LISTEN connection lost (${describeError(error)}); polling until it is back`);
    }
    this.client = undefined;
    client.end().catch(() => undefined);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, this.retryMs);
  }
}

/** pg connection settings of a TypeORM postgres DataSource, for a session outside its pool. */
export function pgConfigOf(dataSource: DataSource): pg.ClientConfig {
  const options = dataSource.options as {
    url?: string;
    host?: string;
    port?: number;
    username?: string;
    password?: string | (() => string | Promise<string>);
    database?: string;
  };
  if (options.url) return { connectionString: options.url };
  return {
    host: options.host,
    port: options.port,
    user: options.username,
    password: options.password,
    database: options.database,
  };
}
