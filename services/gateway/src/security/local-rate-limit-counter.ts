/**
 * Fixed-window counts kept in this process: what a gateway replica counts on while the shared
 * counts in PostgreSQL cannot be had. Windows are numbered on the local clock like the database
 * numbers them on its own, so a replica falling back mid-window starts that window from zero:
 * during an outage a client gets at most its limit per window from each replica, never unlimited.
 */
export class LocalRateLimitCounter {
  private readonly windows = new Map<string, { windowNo: number; hits: number; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  hit(key: string, timeWindowMs: number): { current: number; ttl: number } {
    const now = this.now();
    const windowNo = Math.floor(now / timeWindowMs);
    const entry = this.windows.get(key);
    const current = entry && entry.windowNo === windowNo ? entry.hits + 1 : 1;
    const expiresAt = (windowNo + 1) * timeWindowMs;
    this.windows.set(key, { windowNo, hits: current, expiresAt });
    return { current, ttl: Math.max(0, expiresAt - now) };
  }

  /** Forgets windows that ended, so addresses seen once during an outage do not stay in memory. */
  purgeExpired(): void {
    const now = this.now();
    for (const [key, entry] of this.windows) if (entry.expiresAt <= now) this.windows.delete(key);
  }

  get size(): number {
    return this.windows.size;
  }
}
