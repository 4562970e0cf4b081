import type { Logger } from '@nestjs/common';
import type { z } from 'zod';
import { isUuid, type Principal, type RpcReply } from '#libs/contracts';
import { forbidden, invalid, notFound } from './refusals.js';
import { parseWith, type Checked } from './request-parsing.js';
import { answering, fail, malformedRequest, ok, payloadOf, principalOf } from './rpc-replies.js';

/**
 * Who may ask, and as whom. `caller` answers the scope the principal acts in (its insurer, its role, …),
 * or null when it may not ask at all; such a caller is answered `refusal`: what its role may not do
 * (`role clinic may not keep a network`), or the whole reply where a service words it otherwise.
 * Without a rule any caller the gateway vouches for may ask, and its scope is the principal itself.
 */
export type CallerRule<C> =
  | { caller: (principal: Principal) => C | null; refusal: string | ((principal: Principal) => RpcReply<never>) }
  | { caller?: never; refusal?: never };

/**
 * How the payload is read, once the caller may ask. Either `payload`, the contract's schema or a parse
 * that answers `Checked` (a bad one is VALIDATION with `invalidDetail` and the wrong fields), or `read`,
 * which answers its own refusal (`mintedId`: an id naming nothing is NOT_FOUND). Without either the
 * handler reads nothing.
 */
export type PayloadRule<I> =
  | {
      payload: z.ZodType<I> | ((payload: unknown, principal: Principal) => Checked<I>);
      invalidDetail: string;
      read?: never;
    }
  | { read: (payload: unknown, principal: Principal) => RpcReply<I>; payload?: never; invalidDetail?: never }
  | { payload?: never; invalidDetail?: never; read?: never };

/** `action` is what the handler does, as `answering` words its failures: "could not set the network status". */
export type RequestRules<C, I> = { action: string } & CallerRule<C> & PayloadRule<I>;

/** A request past its checks: who asks, the scope they ask in, and what they ask. */
export interface ServedRequest<C, I> {
  principal: Principal;
  caller: C;
  input: I;
}

/**
 * Answers an RPC request: the principal (VALIDATION when the gateway sent none), then the caller rule
 * (FORBIDDEN), then the payload (VALIDATION or NOT_FOUND), in that order, then `work`, all inside
 * `answering`, so an outage is UNAVAILABLE and a bug INTERNAL. Every handler refuses in the same order
 * and wording; its own body is only its work.
 */
export function serveRequest<T, C = Principal, I = undefined>(
  logger: Pick<Logger, 'warn' | 'error'>,
  request: unknown,
  rules: RequestRules<C, I>,
  work: (served: ServedRequest<C, I>) => Promise<RpcReply<T>>,
): Promise<RpcReply<T>> {
  return answering(logger, rules.action, async () => {
    const principal = principalOf(request);
    if (!principal) return malformedRequest();
    let caller = principal as C;
    if (rules.caller) {
      const scope = rules.caller(principal);
      if (scope === null) {
        const { refusal } = rules;
        return typeof refusal === 'function' ? refusal(principal) : forbidden(principal, refusal);
      }
      caller = scope;
    }
    const input = readPayload(rules, payloadOf(request), principal);
    if (!input.ok) return fail(input.error);
    return work({ principal, caller, input: input.value });
  });
}

function readPayload<I>(rules: PayloadRule<I>, payload: unknown, principal: Principal): RpcReply<I> {
  if (rules.read) return rules.read(payload, principal);
  if (!rules.payload) return ok(undefined as I);
  const checked =
    typeof rules.payload === 'function' ? rules.payload(payload, principal) : parseWith(rules.payload, payload);
  return checked.ok ? checked : invalid(rules.invalidDetail, checked.errors);
}

/**
 * Reads a payload `{ id }` naming something this service minted (a lower-case UUID; the gateway
 * lower-cases the path). Anything else names nothing: NOT_FOUND (`no such flag`), not VALIDATION.
 */
export function mintedId(what: string): (payload: unknown) => RpcReply<string> {
  return (payload) => {
    const id = payload && typeof payload === 'object' ? (payload as { id?: unknown }).id : undefined;
    return isUuid(id) ? ok(id) : notFound(what);
  };
}
