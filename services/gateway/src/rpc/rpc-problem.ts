import { RPC_ERROR_CODES, type RpcError } from '#libs/contracts';
import { problemOf, type Problem } from '../http/problem.js';

/**
 * A service's named error as the problem the caller sees (API.md: 404 never reveals existence). A
 * conflict keeps the fields it names (an id already taken), as a validation problem does. UNAVAILABLE
 * (a dependency of the service is down) is a 503; INTERNAL (the service's own bug) a 500.
 */
export function problemForRpcError(error: RpcError): Problem {
  switch (error.code) {
    case 'NOT_FOUND':
      return problemOf('not-found', error.detail);
    case 'FORBIDDEN':
      return problemOf('forbidden', error.detail);
    case 'CONFLICT':
      return problemOf('conflict', error.detail, error.errors);
    case 'VALIDATION':
      return problemOf('validation', error.detail, error.errors ?? []);
    case 'UNAVAILABLE':
      return problemOf('service-unavailable', error.detail);
    case 'INTERNAL':
      return problemOf('internal', error.detail);
  }
}

/** Whether a reply has the `RpcReply` shape; anything else is the service's fault (502). */
export function isRpcReply(value: unknown): value is { ok: true; value: unknown } | { ok: false; error: RpcError } {
  if (typeof value !== 'object' || value === null) return false;
  const reply = value as { ok?: unknown; value?: unknown; error?: { code?: unknown; detail?: unknown } };
  if (reply.ok === true) return 'value' in reply;
  return (
    reply.ok === false &&
    typeof reply.error === 'object' &&
    reply.error !== null &&
    (RPC_ERROR_CODES as readonly unknown[]).includes(reply.error.code) &&
    typeof reply.error.detail === 'string'
  );
}
