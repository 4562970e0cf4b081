import type { Logger } from '@nestjs/common';
import { ROLES, type Principal, type RpcError, type RpcReply } from '#libs/contracts';
import { dependencyOutageOf } from './dependency-outage.js';

export function ok<T>(value: T): RpcReply<T> {
  return { ok: true, value };
}

export function fail<T>(error: RpcError): RpcReply<T> {
  return { ok: false, error };
}

/**
 * Runs a request handler so that it always answers, never leaving the gateway to time out. A failure
 * of a dependency (the database down, busy or a lost race; the chain node not answering) answers
 * UNAVAILABLE, which the caller may retry; any other failure is the service's own (a bug) and answers
 * INTERNAL. Either way the cause is logged here, once, and the reply says nothing of it.
 */
export async function answering<T>(
  logger: Pick<Logger, 'warn' | 'error'>,
  what: string,
  work: () => Promise<RpcReply<T>>,
): Promise<RpcReply<T>> {
  try {
    return await work();
  } catch (error) {
    const outage = dependencyOutageOf(error);
    if (outage) {
      logger.warn(`could not ${what}: the ${outage} is unavailable (${messageOf(error)}); answered UNAVAILABLE`);
      return fail({ code: 'UNAVAILABLE', detail: `could not ${what} now; try again shortly` });
    }
    logger.error(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fail({ code: 'INTERNAL', detail: `could not ${what}: an unexpected error occurred; it has been logged` });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The caller the gateway vouches for, if the request carries a well-formed one. */
export function principalOf(request: unknown): Principal | null {
  if (!request || typeof request !== 'object') return null;
  const principal = (request as { principal?: unknown }).principal;
  if (!principal || typeof principal !== 'object') return null;
  const { sub, role, org, patient } = principal as Record<string, unknown>;
  if (typeof sub !== 'string' || !ROLES.includes(role as Principal['role'])) return null;
  if ((org !== undefined && typeof org !== 'string') || (patient !== undefined && typeof patient !== 'string')) {
    return null;
  }
  return { sub, role: role as Principal['role'], org, patient };
}

export function payloadOf(request: unknown): unknown {
  return request && typeof request === 'object' ? (request as { payload?: unknown }).payload : undefined;
}

export function requestIdOf(request: unknown): string | undefined {
  const id = request && typeof request === 'object' ? (request as { requestId?: unknown }).requestId : undefined;
  return typeof id === 'string' && id.length > 0 && id.length <= 200 ? id : undefined;
}

export const malformedRequest = <T>(): RpcReply<T> =>
  fail({ code: 'VALIDATION', detail: 'the request carries no valid principal' });
