/**
 * The review backlog as one gateway replica knows it: the claims service's last count plus the claims
 * this replica admitted since that count was asked for, so a burst between two counts cannot overshoot
 * the bound by a whole interval's arrivals. A count older than `refreshMs` is renewed in the background
 * (one question at a time) while the old one keeps answering, so under steady traffic no request waits
 * for it; after a quiet spell (the count older than two intervals, perhaps from before the backlog
 * drained) the request waits for the new count rather than be refused on the old one. A count that could not be renewed for `staleAfterMs` is no longer trusted: the
 * estimate is unknown (null) and the caller admits, since refusing on a guess would shed load for no
 * reason (and a claims service that cannot count most likely cannot store either: the submit says so).
 * Pure of Nest and I/O: the count and the clock are given.
 */
export class ReviewBacklog {
  private counted: { claims: number; at: number } | null = null;
  private admittedSinceAsked = 0;
  private asking: Promise<void> | null = null;
  private readonly staleAfterMs: number;

  constructor(
    private readonly options: {
      /** Asks the owner of claims for the backlog; may fail (then the last count stays, for a while). */
      count: () => Promise<number>;
      refreshMs: number;
      now?: () => number;
      onCountFailed?: (error: unknown) => void;
    },
  ) {
    this.staleAfterMs = Math.max(5_000, 10 * options.refreshMs);
  }

  /** The backlog estimate, or null while there is no count recent enough to trust. */
  async estimate(): Promise<number | null> {
    const age = this.age();
    if (age >= this.options.refreshMs) {
      const asking = this.asking ?? this.ask();
      if (age >= 2 * this.options.refreshMs) await asking;
    }
    if (!this.counted || this.age() > this.staleAfterMs) return null;
    return this.counted.claims + this.admittedSinceAsked;
  }

  /** One more claim let through by this replica, not yet in the last count. */
  admitted(): void {
    this.admittedSinceAsked += 1;
  }

  private ask(): Promise<void> {
    // Claims admitted before the question leaves are in its answer (or still on their way to the
    // claims service, then counted twice for a moment: erring toward shedding, never toward overshoot).
    const admittedBefore = this.admittedSinceAsked;
    this.asking = this.options
      .count()
      .then((claims) => {
        this.counted = { claims, at: this.now() };
        this.admittedSinceAsked -= admittedBefore;
      })
      .catch((error: unknown) => this.options.onCountFailed?.(error))
      .finally(() => {
        this.asking = null;
      });
    return this.asking;
  }

  private age(): number {
    return this.counted ? this.now() - this.counted.at : Number.POSITIVE_INFINITY;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
