import { SetMetadata } from '@nestjs/common';
import type { Envelope } from '#libs/contracts';
import type { ConsumerOptions } from './consumer-settings.js';
import type {
  BatchGatherContext,
  BatchHandlerContext,
  BatchItem,
  GatherContext,
  HandlerContext,
  LockOrder,
} from './handler.js';

export const HANDLE_EVENT_METADATA = 'healthclaims:handle-event';

export type HandleEventOptions = ConsumerOptions & {
  lockOrder?: LockOrder;
  /** The name of a public method of the same provider: the handler's gather step (see `GatherFn`). */
  gather?: string;
};

export interface HandleEventMetadata {
  subject: string;
  options?: HandleEventOptions;
  /** Set by `@HandleEvents`: the method handles a batch, and its gather method gathers one. */
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

/** A batch gather method as the decorator sees it: any events, one result per event. */
type BatchGatherMethod = (events: Envelope<never>[], ctx: BatchGatherContext) => Promise<unknown[]>;

/** What the batch gather method `K` of provider `C` resolves to, per event. */
type GatheredEachBy<C, K extends keyof C> = C[K] extends (...args: never[]) => Promise<(infer G)[]> ? G : never;

/**
 * Marks a provider method as the service's BATCH handler for a bare subject (see `BatchHandlerFn`):
 * `(items: BatchItem<T, G>[], ctx: BatchHandlerContext) => Promise<void>`, called once per transaction with
 * every fresh delivery of the batch, so it writes with one statement per table. `{ gather: 'methodName' }`
 * names its batch gather step (see `BatchGatherFn`): `(events: Envelope<T>[], ctx: BatchGatherContext) =>
 * Promise<G[]>`, one result per event, run before the transaction opens.
 */
export function HandleEvents(
  subject: string,
  options?: HandleEventOptions & { gather?: undefined },
): (
  target: object,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<
    (items: BatchItem<never, undefined>[], ctx: BatchHandlerContext) => Promise<void>
  >,
) => void;
export function HandleEvents<K extends string>(
  subject: string,
  options: HandleEventOptions & { gather: K },
): <C extends Record<K, BatchGatherMethod>>(
  target: C,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<
    (items: BatchItem<never, GatheredEachBy<C, K>>[], ctx: BatchHandlerContext) => Promise<void>
  >,
) => void;
export function HandleEvents(
  subject: string,
  options?: HandleEventOptions,
): (target: object, key: string | symbol, descriptor: PropertyDescriptor) => void {
  return SetMetadata<string, HandleEventMetadata>(HANDLE_EVENT_METADATA, { subject, options, batch: true });
}
