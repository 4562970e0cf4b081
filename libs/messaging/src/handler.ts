import type { Envelope } from '#libs/contracts';
import type { EntityManager } from 'typeorm';
import type { ConsumerOptions } from './consumer-settings.js';
import type { Outbox } from './outbox.js';

/** What a handler gets besides the event: its transaction, and an outbox writing into it. */
export interface HandlerContext {
  /** The transaction that also records the inbox row; every write of the handler goes through it. */
  manager: EntityManager;
  /** Events the handler emits, committed with its effects (use `causedBy(event)`). */
  outbox: Outbox;
  /** 1 on the first delivery; more after a failure, a crash or a lost ack. */
  deliveryCount: number;
  /** The bare subject, without namespace. */
  subject: string;
}

export type EventHandlerFn<T = unknown> = (event: Envelope<T>, ctx: HandlerContext) => Promise<void>;

/**
 * The key of the row a handler locks for an event (e.g. its claim id). A batch is handled in this key's
 * order, so two batches that lock the same rows lock them in the same order and never deadlock. Events
 * with the same key keep their delivery order.
 */
export type LockOrder = (event: Envelope) => string;

/** One handler for one subject; the service gets one durable consumer per registration. */
export interface EventHandlerRegistration<T = unknown> {
  subject: string;
  handle: EventHandlerFn<T>;
  options?: ConsumerOptions;
  lockOrder?: LockOrder;
}
