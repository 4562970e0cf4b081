import type { Envelope } from '#libs/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { ConsumerOptions } from './consumer-settings.js';
import type { Outbox } from './outbox.js';

/**
 * What a handler gets besides the event: its transaction, an outbox writing into it, and what its gather
 * step read before the transaction opened (`G`; undefined for a handler without one).
 */
export interface HandlerContext<G = unknown> {
  /** The transaction that also records the inbox row; every write of the handler goes through it. */
  manager: EntityManager;
  /** Events the handler emits, committed with its effects (use `causedBy(event)`). */
  outbox: Outbox;
  /** 1 on the first delivery; more after a failure, a crash or a lost ack. */
  deliveryCount: number;
  /** The bare subject, without namespace. */
  subject: string;
  /**
   * The result of the gather step for this delivery. Read before the transaction, so it may be stale by
   * now: whatever must be current (a row to lock, a unique key) is checked again through `manager`.
   */
  gathered: G;
}

/** What a gather step gets: the DataSource to read with, and no transaction (none is open yet). */
export interface GatherContext {
  /** Reads only (`dataSource.manager`, `dataSource.query`), each in a short statement of its own. */
  dataSource: DataSource;
  /** 1 on the first delivery; more after a failure, a crash or a lost ack. */
  deliveryCount: number;
  /** The bare subject, without namespace. */
  subject: string;
}

export type EventHandlerFn<T = unknown, G = unknown> = (event: Envelope<T>, ctx: HandlerContext<G>) => Promise<void>;

/**
 * The first phase of a two-phase handler: reads what the handler needs from slow or remote sources (a
 * chain, another service, a wide query) BEFORE the inbox transaction opens, so no database connection or
 * row lock is held across network I/O. It must be idempotent and free of side effects: it runs again on
 * every delivery (a redelivery, the held messages after a pause), also for a message the inbox then skips
 * as a duplicate (a wasted read, never a second effect), and it never writes. Its failure counts like the
 * handler's: an unavailable database pauses the consumer, anything else naks the message with backoff.
 */
export type GatherFn<T = unknown, G = unknown> = (event: Envelope<T>, ctx: GatherContext) => Promise<G>;

/**
 * The key of the row a handler locks for an event (e.g. its claim id). A batch is handled in this key's
 * order, so two batches that lock the same rows lock them in the same order and never deadlock. Events
 * with the same key keep their delivery order.
 */
export type LockOrder = (event: Envelope) => string;

/** What a batch gather step gets: the DataSource to read with, and no transaction. */
export interface BatchGatherContext {
  /** Reads only, each in a short statement of its own. */
  dataSource: DataSource;
  /** The bare subject, without namespace. */
  subject: string;
}

/**
 * A gather step for a whole batch: one result per event, in the order given, so a handler reads with one
 * statement or one remote call what a per-message `GatherFn` reads once per message. The same rules hold
 * (idempotent, reads only, runs again on every delivery). When it fails for a batch, the consumer gathers
 * each delivery alone, so one poison message fails alone.
 */
export type BatchGatherFn<T = unknown, G = unknown> = (events: Envelope<T>[], ctx: BatchGatherContext) => Promise<G[]>;

/** One fresh delivery of a batch, as a batch handler sees it. */
export interface BatchItem<T = unknown, G = unknown> {
  event: Envelope<T>;
  /** What the gather step read for it (undefined without one). */
  gathered: G;
  /** 1 on the first delivery; more after a failure, a crash or a lost ack. */
  deliveryCount: number;
  /**
   * Runs `fn` in this delivery's trace context (its `process` span): build its outbox rows in it
   * (`outbox.prepare`), so the events it causes continue its trace.
   */
  traced: <R>(fn: () => R) => R;
}

/** What a batch handler gets besides the deliveries: their one transaction and an outbox writing into it. */
export interface BatchHandlerContext {
  manager: EntityManager;
  outbox: Outbox;
  /** The bare subject, without namespace. */
  subject: string;
}

/**
 * A handler for every fresh delivery of a batch at once, in one transaction with their inbox rows: it
 * writes with one multi-row statement per table what a per-message handler writes per message. The
 * duplicates are left out; the items come in lock order. When it fails, the consumer retries each
 * delivery in a transaction of its own (the handler then sees one item), so one poison message fails alone.
 */
export type BatchHandlerFn<T = unknown, G = unknown> = (
  items: BatchItem<T, G>[],
  ctx: BatchHandlerContext,
) => Promise<void>;

/** A registration handles each message (`handle`) or each batch (`handleBatch`), never both. */
export type HandleStep<T, G> =
  { handle: EventHandlerFn<T, G>; handleBatch?: undefined } | { handleBatch: BatchHandlerFn<T, G>; handle?: undefined };

/** A registration gathers per message (`gather`), per batch (`gatherBatch`), or not at all. */
export type GatherStep<T, G> =
  { gather?: GatherFn<T, G>; gatherBatch?: undefined } | { gatherBatch: BatchGatherFn<T, G>; gather?: undefined };

/** One handler for one subject; the service gets one durable consumer per registration. */
export type EventHandlerRegistration<T = unknown, G = unknown> = {
  subject: string;
  options?: ConsumerOptions;
  lockOrder?: LockOrder;
} & HandleStep<T, G> &
  GatherStep<T, G>;

/**
 * A registration with a gather step, typed end to end (`handle` sees what `gather` returns), as an entry
 * of a service's handler list.
 */
export function twoPhaseHandler<T, G>(
  registration: EventHandlerRegistration<T, G> & { gather: GatherFn<T, G> },
): EventHandlerRegistration {
  // The consumer hands each gather's result only to the handle of the same registration, so erasing G
  // (and T, which the subject's schema guarantees) for the list loses nothing.
  return registration as unknown as EventHandlerRegistration;
}

/** A registration with a batch handler (and a batch gather step, if any), typed end to end, for a handler list. */
export function batchHandler<T, G>(registration: {
  subject: string;
  options?: ConsumerOptions;
  lockOrder?: LockOrder;
  handleBatch: BatchHandlerFn<T, G>;
  gatherBatch?: BatchGatherFn<T, G>;
}): EventHandlerRegistration {
  // As for `twoPhaseHandler`: each gather's results reach only the same registration's handler.
  return registration as unknown as EventHandlerRegistration;
}
