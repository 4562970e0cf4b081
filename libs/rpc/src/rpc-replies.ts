import type { Logger } from '@nestjs/common';
import { ROLES, type Principal, type RpcError, type RpcReply } from '#libs/contracts';

export function ok<T>(value: T): RpcReply<T> {
  return { ok: true, value };
}

export function fail<T>(error: RpcError): RpcReply<T> {
  return { ok: false, error };
}

/**
 * Runs a request handler so that it always answers: an unexpected failure (database down, a bug)
 * becomes UNAVAILABLE for the gateway instead of a request that times out.
 */
export async function answering<T>(
  logger: Logger,
  what: string,
  work: () => Promise<RpcReply<T>>,
): Promise<RpcReply<T>> {
  try {
    return await work();
  } catch (error) {
    logger.error(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    return fail({ code: 'UNAVAILABLE', detail: `could not ${what} now; try again` });
  }
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
