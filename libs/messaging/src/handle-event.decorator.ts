import { SetMetadata } from '@nestjs/common';
import type { Envelope } from '#libs/contracts';
import type { ConsumerOptions } from './consumer-settings.js';
import type { BatchHandlerContext, BatchItem, GatherContext, HandlerContext, LockOrder } from './handler.js';

export const HANDLE_EVENT_METADATA = 'healthclaims:handle-event';

export type HandleEventOptions = ConsumerOptions & {
  lockOrder?: LockOrder;
  /** The name of a public method of the same provider: the handler's gather step (see `GatherFn`). */
  gather?: string;
};

export interface HandleEventMetadata {
  subject: string;
  options?: HandleEventOptions;
  /** Set by `@HandleEventBatch`: the method takes the batch's fresh deliveries at once. */
  batch?: boolean;
}

/** A gather method as the decorator sees it: any event (the subject's schema fixes which), any result. */
type GatherMethod = (event: Envelope<never>, ctx: GatherContext) => Promise<unknown>;

/** What the gather method `K` of provider `C` resolves to: the handler's `ctx.gathered`. */
type GatheredBy<C, K extends keyof C> = C[K] extends (...args: never[]) => Promise<infer G> ? G : never;

/**
 * Marks a provider method as the service's handler for a bare subject:
 * `(event: Envelope<T>, ctx: HandlerContext) => Promise<void>`, run in the inbox transaction.
 * MessagingModule finds it at bootstrap and gives it a durable consumer.
 *
 * Two phases: `{ gather: 'methodName' }` names a public method of the same provider,
 * `(event: Envelope<T>, ctx: GatherContext) => Promise<G>`, that runs BEFORE the transaction opens and
 * reads with the DataSource only (a chain, another service: network I/O never holds a connection or a
 * lock); the handler gets its result as `ctx.gathered`, typed: the handler must take `HandlerContext<G>`.
 * The gather method must be idempotent and free of side effects (see `GatherFn`).
 */
export function HandleEvent(
  subject: string,
  options?: HandleEventOptions & { gather?: undefined },
): (
  target: object,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<(event: Envelope<never>, ctx: HandlerContext<undefined>) => Promise<void>>,
) => void;
export function HandleEvent<K extends string>(
  subject: string,
  options: HandleEventOptions & { gather: K },
): <C extends Record<K, GatherMethod>>(
  target: C,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<(event: Envelope<never>, ctx: HandlerContext<GatheredBy<C, K>>) => Promise<void>>,
) => void;
export function HandleEvent(
  subject: string,
  options?: HandleEventOptions,
): (target: object, key: string | symbol, descriptor: PropertyDescriptor) => void {
  return SetMetadata<string, HandleEventMetadata>(HANDLE_EVENT_METADATA, { subject, options });
}

/**
 * Marks a provider method as the service's batch handler for a bare subject:
 * `(items: BatchItem<T>[], ctx: BatchHandlerContext) => Promise<void>`, called once per inbox transaction
 * with all its fresh deliveries (see `BatchHandlerFn`), so its reads and writes can be one statement per
 * table for the whole batch. Idempotency, the fallback to one message per transaction after a failed
 * batch and the pause on an outage are the consumer's, as for `@HandleEvent`.
 */
export function HandleEventBatch(
  subject: string,
  options?: Omit<HandleEventOptions, 'gather'>,
): (
  target: object,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<
    (items: BatchItem<never, undefined>[], ctx: BatchHandlerContext) => Promise<void>
  >,
) => void {
  return SetMetadata<string, HandleEventMetadata>(HANDLE_EVENT_METADATA, { subject, options, batch: true });
}
