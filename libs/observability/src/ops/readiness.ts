import type { Type } from '@nestjs/common';

/** Finds a provider of the running application by class or token (Nest's `ModuleRef.get`). */
export type ProviderLookup = <T>(token: Type<T> | string | symbol) => T;

/**
 * Ready unless it returns `false`, throws or rejects. An object is ready too, and is shown as the check's
 * detail to a caller with the ops token (e.g. the ledger bridge's leadership).
 */
export type ReadinessDetail = Record<string, string | number | boolean | null>;
export type ReadinessVerdict = boolean | void | ReadinessDetail;
export type ReadinessProbe = () => ReadinessVerdict | Promise<ReadinessVerdict>;

/** One dependency `/health/ready` waits for; `name` is its key in the report (e.g. `nats`). */
export interface ReadinessCheck {
  name: string;
  isReady: (lookup: ProviderLookup) => ReadinessVerdict | Promise<ReadinessVerdict>;
}

/** A check from a plain function, e.g. `readinessCheck('nats', () => connection.isConnected())`. */
export function readinessCheck(name: string, probe: ReadinessProbe): ReadinessCheck {
  return { name, isReady: () => probe() };
}

/**
 * A check on a provider of the application, resolved when probed, e.g.
 * `providerReadiness('nats', BusConnection, (bus) => bus.isConnected())`: the library that owns
 * the connection exposes the probe; the service only lists it.
 */
export function providerReadiness<T>(
  name: string,
  token: Type<T> | string | symbol,
  probe: (provider: T) => ReadinessVerdict | Promise<ReadinessVerdict>,
): ReadinessCheck {
  return { name, isReady: (lookup) => probe(lookup<T>(token)) };
}
