import { databaseFailureKind } from '#libs/persistence';

/**
 * ethers' codes for a JSON-RPC node that cannot be reached, did not answer in time or answered with a
 * server error: the chain is a dependency like the database. (A refused connection to the node keeps
 * its socket code, which the database reading already knows.)
 */
const CHAIN_OUTAGE_CODES = new Set(['NETWORK_ERROR', 'TIMEOUT', 'SERVER_ERROR']);

/**
 * Why a request failed for reasons outside the work itself, or null when it is the work's own
 * failure: its database is unavailable or lost a race ('database'), or the chain node is not
 * answering ('chain'). Such a request may succeed if asked again shortly.
 */
export function dependencyOutageOf(error: unknown): 'database' | 'chain' | null {
  if (databaseFailureKind(error) !== null) return 'database';
  const code = (error as { code?: unknown } | null | undefined)?.code;
  if (typeof code === 'string' && CHAIN_OUTAGE_CODES.has(code)) return 'chain';
  return null;
}
