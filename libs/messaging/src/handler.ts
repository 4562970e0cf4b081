import type { Envelope } from '#libs/contracts';
import { context, type Context } from '@opentelemetry/api';
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

/** One fresh delivery of a batch, as a batch handler sees it. */
export interface BatchItem<T = unknown, G = unknown> {
  event: Envelope<T>;
  /** 1 on the first delivery; more after a failure, a crash or a lost ack. */
  deliveryCount: number;
  /** What the registration's gather step read for this delivery (undefined without one). */
  gathered: G;
  /**
   * This message's process span, under its trace: run `outbox.prepare`/`add` for this event inside it
   * (`context.with(item.traceContext, …)`), so its answer carries the message's trace onwards.
   */
  traceContext: Context;
}

/** What a batch handler gets besides its events: the one transaction of the batch and its outbox. */
export type BatchHandlerContext = Pick<HandlerContext, 'manager' | 'outbox' | 'subject'>;

/**
 * A handler for a whole batch: called ONCE per transaction with every fresh delivery of it (duplicates the
 * inbox skipped are left out; never called with none), in handling order (`lockOrder`, else as delivered),
 * so it can read and write with one set-based statement per table instead of one per message. After a
 * failed batch it is called again with each message alone, like a per-message handler.
 */
export type BatchHandlerFn<T = unknown, G = unknown> = (
  items: BatchItem<T, G>[],
  ctx: BatchHandlerContext,
) => Promise<void>;

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

/** One handler for one subject; the service gets one durable consumer per registration. */
export interface EventHandlerRegistration<T = unknown, G = unknown> {
  subject: string;
  /** Runs before the transaction; its result is `ctx.gathered` of `handle` (see `GatherFn`). */
  gather?: GatherFn<T, G>;
  handle: EventHandlerFn<T, G>;
  /** When set, the transaction calls this once for all its fresh deliveries instead of `handle` per message. */
  handleBatch?: BatchHandlerFn<T, G>;
  options?: ConsumerOptions;
  lockOrder?: LockOrder;
}

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

/**
 * A registration whose transaction hands all its fresh deliveries to `handleBatch` at once. Its `handle` (for
 * whoever calls one message at a time) is `handleBatch` with that message alone.
 */
export function batchHandler<T, G = undefined>(
  registration: Omit<EventHandlerRegistration<T, G>, 'handle'> & { handleBatch: BatchHandlerFn<T, G> },
): EventHandlerRegistration {
  const { handleBatch } = registration;
  const handle: EventHandlerFn<T, G> = (event, { manager, outbox, subject, deliveryCount, gathered }) =>
    handleBatch([{ event, deliveryCount, gathered, traceContext: context.active() }], { manager, outbox, subject });
  // As in twoPhaseHandler: the consumer hands each handler only its own subject's events and gathered values.
  return { ...registration, handle } as unknown as EventHandlerRegistration;
}
