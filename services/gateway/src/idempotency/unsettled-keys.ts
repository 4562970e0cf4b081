/**
 * What became of a reserved Idempotency-Key: its answer to keep (`complete`), or nothing to keep
 * (`release`: the request got no definite answer, so the caller may run it again).
 */
export interface Settlement {
  scope: string;
  key: string;
  /** The reservation's holder: settling touches that reservation only. */
  holder: string;
  outcome: { kind: 'complete'; status: number; body: unknown } | { kind: 'release' };
}

export interface UnsettledKeysOptions {
  /** Writes one settlement to the store; rejects while the database is unavailable. */
  apply: (settlement: Settlement) => Promise<void>;
  retryEveryMs: number;
  /** Beyond this many, the oldest are forgotten: their keys go stale and are taken over instead. */
  maxPending: number;
  onGivenUp?: (settlement: Settlement) => void;
}

/**
 * Settlements the database could not take when their request ended (it was unavailable). Left as
 * they were, their keys would stay in flight, and a client retrying after its 503 would get 409s
 * until the key went stale. So they are kept here and written as soon as the database is back: on a
 * timer, and first thing when a request with the same key comes again, so the retry finds the first
 * attempt's answer to replay, or a free key to run afresh, never a lock.
 */
export class UnsettledKeys {
  private readonly pending = new Map<string, Map<string, Settlement>>();
  private count = 0;
  private timer?: NodeJS.Timeout;

  constructor(private readonly options: UnsettledKeysOptions) {}

  get size(): number {
    return this.count;
  }

  add(settlement: Settlement): void {
    const id = keyId(settlement.scope, settlement.key);
    const holders = this.pending.get(id) ?? new Map<string, Settlement>();
    if (!holders.has(settlement.holder)) this.count += 1;
    holders.set(settlement.holder, settlement);
    this.pending.set(id, holders);
    while (this.count > this.options.maxPending) this.giveUpOldest();
    this.schedule();
  }

  /** Writes what is pending for one key; rejects (keeping it pending) while the database is down. */
  async settle(scope: string, key: string): Promise<void> {
    const holders = this.pending.get(keyId(scope, key));
    if (!holders) return;
    for (const settlement of [...holders.values()]) {
      await this.options.apply(settlement);
      this.forget(settlement);
    }
  }

  /** Writes everything pending, stopping at the first failure (the database is still down). */
  async retry(): Promise<void> {
    for (const holders of [...this.pending.values()]) {
      for (const settlement of [...holders.values()]) {
        try {
          await this.options.apply(settlement);
        } catch {
          return;
        }
        this.forget(settlement);
      }
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer || this.count === 0) return;
    this.timer = setTimeout(() => {
      void this.retry().finally(() => {
        this.timer = undefined;
        this.schedule();
      });
    }, this.options.retryEveryMs);
    this.timer.unref();
  }

  private forget(settlement: Settlement): void {
    const id = keyId(settlement.scope, settlement.key);
    const holders = this.pending.get(id);
    if (!holders?.delete(settlement.holder)) return;
    this.count -= 1;
    if (holders.size === 0) this.pending.delete(id);
  }

  private giveUpOldest(): void {
    const oldest = this.pending.values().next().value?.values().next().value;
    if (!oldest) return;
    this.forget(oldest);
    this.options.onGivenUp?.(oldest);
  }
}

function keyId(scope: string, key: string): string {
  return `${scope}\n${key}`;
}
