import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import type { EntityManager } from 'typeorm';

/**
 * The session advisory lock of the chain leader, one per database: a fixed 64-bit key ("LBLEAD").
 * Taken by the instance that sends the settlement signer's transactions and runs the chain indexer.
 */
const LEADER_LOCK_KEY = 0x4c424c454144n;
const ROLE = 'chain-writer';

/** Thrown where a nonce would be reserved by an instance that is no longer (or not yet) the leader. */
export class LeadershipLost extends Error {
  constructor(detail: string) {
    super(`not the chain leader: ${detail}`);
  }
}

export interface LeadershipState {
  leader: boolean;
  epoch: string | null;
  holder: string;
}

export interface LeadershipOptions {
  databaseUrl: string;
  /** How often a follower tries the lock and the leader checks its connection. */
  intervalMs: number;
  onChange?: (leader: boolean) => void;
}

/**
 * Leader election on PostgreSQL (docs/decisions/0013-one-signer-at-a-time.md). The lock lives on a
 * connection of its own, outside the pool: when the process dies or its connection drops, PostgreSQL
 * releases it and a follower takes it on its next try. Taking it raises the fencing epoch in
 * `chain_leadership`; `fence` checks, inside the caller's transaction, that the epoch is still ours, so a
 * leader that paused past the loss of its lock reserves no nonce once another instance has taken over.
 */
export class ChainLeadership {
  private readonly logger = new Logger('ChainLeadership');
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private client: pg.Client | undefined;
  private epoch: bigint | null = null;
  private timer: NodeJS.Timeout | undefined;
  private tick: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: LeadershipOptions) {}

  /** Nest calls these on the provider: the lock is tried once the application is up, released at shutdown. */
  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  isLeader(): boolean {
    return this.epoch !== null;
  }

  state(): LeadershipState {
    return { leader: this.isLeader(), epoch: this.epoch?.toString() ?? null, holder: this.holder };
  }

  /**
   * Throws `LeadershipLost` unless this instance holds the current epoch. Call it in the transaction that
   * reserves a nonce (or writes the index): the row is read `FOR SHARE`, so a new leader's epoch increment
   * waits for that transaction, and everything it committed is visible to the new leader.
   */
  async fence(manager: EntityManager): Promise<void> {
    const mine = this.epoch;
    if (mine === null) throw new LeadershipLost('this instance is a follower');
    const rows: { epoch: string }[] = await manager.query(
      `SELECT epoch FROM chain_leadership WHERE role = $1 FOR SHARE`,
      [ROLE],
    );
    if (rows[0]?.epoch !== mine.toString()) {
      this.lose(`epoch ${mine} was superseded by ${rows[0]?.epoch ?? 'none'}`);
      throw new LeadershipLost(`epoch ${mine} is no longer current`);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.tick;
    const client = this.client;
    this.client = undefined;
    this.setEpoch(null);
    // Ending the session releases the lock at once: a follower takes over on its next try.
    await client?.end().catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.tick = this.step().then(() => this.schedule(this.options.intervalMs));
    }, delayMs);
  }

  private async step(): Promise<void> {
    try {
      if (this.isLeader()) await this.checkConnection();
      else await this.tryToLead();
    } catch (error) {
      this.lose(error instanceof Error ? error.message : String(error));
    }
  }

  private async tryToLead(): Promise<void> {
    const client = await this.connection();
    const [{ locked }] = (
      await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [
        LEADER_LOCK_KEY.toString(),
      ])
    ).rows;
    if (!locked) return;
    const [{ epoch }] = (
      await client.query<{ epoch: string }>(
        `INSERT INTO chain_leadership (role, epoch, holder) VALUES ($1, 1, $2)
         ON CONFLICT (role) DO UPDATE SET epoch = chain_leadership.epoch + 1, holder = $2, acquired_at = now()
         RETURNING epoch`,
        [ROLE, this.holder],
      )
    ).rows;
    this.setEpoch(BigInt(epoch));
    this.logger.log(`${this.holder} leads the chain writers (epoch ${epoch})`);
  }

  /** A leader whose lock connection stopped answering is a leader no longer. */
  private async checkConnection(): Promise<void> {
    const client = this.client;
    if (!client) throw new Error('the lock connection is gone');
    await withTimeout(client.query('SELECT 1'), Math.max(1000, this.options.intervalMs * 4));
  }

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      // The server notices a vanished leader (and frees its lock) through TCP keepalive on its side;
      // on ours, keepalive breaks a half-open connection so the leader steps down.
      keepAlive: true,
      connectionTimeoutMillis: 5000,
      application_name: 'ledger-bridge-leader-lock',
    });
    client.on('error', (error: Error) => this.lose(`lock connection failed: ${error.message}`));
    client.on('end', () => {
      if (this.client === client) this.lose('lock connection closed');
    });
    await client.connect();
    this.client = client;
    return client;
  }

  private lose(reason: string): void {
    const client = this.client;
    this.client = undefined;
    if (this.isLeader()) this.logger.warn(`${this.holder} stepped down as chain leader: ${reason}`);
    this.setEpoch(null);
    client?.end().catch(() => undefined);
  }

  private setEpoch(epoch: bigint | null): void {
    const was = this.isLeader();
    this.epoch = epoch;
    if (was !== this.isLeader()) this.options.onChange?.(this.isLeader());
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
