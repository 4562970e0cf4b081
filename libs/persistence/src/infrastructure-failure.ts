/**
 * Which database failures say nothing about the work itself: the database is unreachable or busy
 * (retry once it is back), or the transaction lost a race with another (retry at once). Callers use
 * this to keep such failures from counting against a message's deliveries and to answer 503 instead
 * of 500. Anything else (a constraint, a bug, bad data) is the work's own failure.
 */
export type DatabaseFailureKind = 'unavailable' | 'conflict';

/**
 * SQLSTATE classes and codes of an unavailable database (PostgreSQL appendix A): 08 connection
 * exceptions, 53 insufficient resources (too many connections, out of disk), 57P01-57P05 shutdown and
 * start-up, 58 system errors, 25006 a read-only server (a replica while a failover completes).
 */
const UNAVAILABLE_CLASSES = ['08', '53', '58'];
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '57P04', '57P05', '25006']);
/** Serialization failure, deadlock, lock not available: another transaction won; trying again works. */
const CONFLICT_CODES = new Set(['40001', '40P01', '55P03']);
/** Socket errors of a server that is down, restarting or unreachable. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/**
 * node-postgres reports a lost connection and an exhausted pool in words, without a code; so does
 * TypeORM when its pool is gone (`Connection with postgres database is not established`,
 * `Cannot execute operation because connection is not yet established`).
 */
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection is not queryable|not queryable/i,
  /the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)/i,
  /terminating connection due to administrator command/i,
  /Connection terminated due to connection timeout/i,
  /Connection with \w+ database is not established/i,
  /connection is not yet established/i,
];

/** The kind of infrastructure failure `error` is, or null when it is the work's own failure. */
export function databaseFailureKind(error: unknown): DatabaseFailureKind | null {
  let unavailable = false;
  for (const candidate of causesOf(error)) {
    const code = typeof candidate.code === 'string' ? candidate.code : undefined;
    if (code && CONFLICT_CODES.has(code)) return 'conflict';
    if (code && (UNAVAILABLE_CODES.has(code) || NETWORK_CODES.has(code))) unavailable = true;
    if (code && /^[0-9A-Z]{5}$/.test(code) && UNAVAILABLE_CLASSES.includes(code.slice(0, 2))) unavailable = true;
    if (
      typeof candidate.message === 'string' &&
      UNAVAILABLE_MESSAGES.some((re) => re.test(candidate.message as string))
    )
      unavailable = true;
  }
  return unavailable ? 'unavailable' : null;
}

/** True when the database is unreachable or busy, or the transaction lost a race: not the work's fault. */
export function isDatabaseInfrastructureFailure(error: unknown): boolean {
  return databaseFailureKind(error) !== null;
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  driverError?: unknown;
  errors?: unknown;
}

/** The error and what it wraps: TypeORM's `driverError`, `cause`, an AggregateError's `errors`. */
function causesOf(error: unknown, depth = 0): ErrorLike[] {
  if (error === null || typeof error !== 'object' || depth > 5) return [];
  const like = error as ErrorLike;
  const inner: unknown[] = Array.isArray(like.errors) ? (like.errors as unknown[]) : [];
  const nested = [like.driverError, like.cause, ...inner];
  return [like, ...nested.flatMap((inner) => causesOf(inner, depth + 1))];
}
