import type { Type } from '@nestjs/common';

/** Finds a provider of the running application by class or token (Nest's `ModuleRef.get`). */
export type ProviderLookup = <T>(token: Type<T> | string | symbol) => T;

/** Ready unless it returns `false`, throws or rejects. */
export type ReadinessProbe = () => boolean | void | Promise<boolean | void>;

/** One dependency `/health/ready` waits for; `name` is its key in the report (e.g. `nats`). */
export interface ReadinessCheck {
  name: string;
  isReady: (lookup: ProviderLookup) => boolean | void | Promise<boolean | void>;
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
  probe: (provider: T) => boolean | void | Promise<boolean | void>,
): ReadinessCheck {
  return { name, isReady: (lookup) => probe(lookup<T>(token)) };
}
