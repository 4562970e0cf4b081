/**
 * RFC 9457 problem details, the body of every error the gateway sends (API.md, Conventions).
 * `type` is a URN per kind of problem: stable for clients to switch on, never dereferenced.
 */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface FieldError {
  /** Path of the offending input, e.g. `lines[0].charge`; `body` or `query` for the whole of it. */
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Only for validation problems. */
  errors?: FieldError[];
  /** The `x-request-id` of the response, so a caller can quote it to support. */
  requestId?: string;
}

/** The kinds of problem the gateway reports; the slug becomes the `type` URN. */
const KINDS = {
  'bad-request': { status: 400, title: 'Bad request' },
  'malformed-json': { status: 400, title: 'Malformed JSON body' },
  validation: { status: 400, title: 'Invalid request' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'not-acceptable': { status: 406, title: 'Not acceptable' },
  'request-timeout': { status: 408, title: 'Request timeout' },
  conflict: { status: 409, title: 'Conflict' },
  'idempotency-key-reused': { status: 409, title: 'Idempotency-Key reused with another request' },
  'idempotency-key-in-use': { status: 409, title: 'Idempotency-Key in use by a request in progress' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'uri-too-long': { status: 414, title: 'URI too long' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'unprocessable-content': { status: 422, title: 'Unprocessable content' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  'review-backlog-full': { status: 429, title: 'Too many claims waiting for review' },
  'header-fields-too-large': { status: 431, title: 'Request header fields too large' },
  internal: { status: 500, title: 'Internal server error' },
  'bad-gateway': { status: 502, title: 'Bad gateway' },
  'service-unavailable': { status: 503, title: 'Service unavailable' },
  'gateway-timeout': { status: 504, title: 'Gateway timeout' },
} as const;

export type ProblemKind = keyof typeof KINDS;

export const PROBLEM_TYPE_PREFIX = 'urn:problem:healthclaims:';

export function problemType(kind: ProblemKind): string {
  return `${PROBLEM_TYPE_PREFIX}${kind}`;
}

export function problemOf(kind: ProblemKind, detail: string, errors?: FieldError[]): Problem {
  const { status, title } = KINDS[kind];
  return { type: problemType(kind), title, status, detail, ...(errors ? { errors } : {}) };
}

/** The generic kind for a bare HTTP status (e.g. from a framework exception). */
export function kindForStatus(status: number): ProblemKind {
  const generic = (Object.keys(KINDS) as ProblemKind[]).filter((kind) => !SPECIFIC_KINDS.includes(kind));
  return generic.find((kind) => KINDS[kind].status === status) ?? (status >= 500 ? 'internal' : 'bad-request');
}

/** Kinds that refine a status and are only chosen on purpose, never for a bare status. */
const SPECIFIC_KINDS: readonly ProblemKind[] = [
  'malformed-json',
  'validation',
  'idempotency-key-reused',
  'idempotency-key-in-use',
  'review-backlog-full',
];

/** Every kind, for the OpenAPI description of the error schema. */
export function allProblemTypes(): string[] {
  return (Object.keys(KINDS) as ProblemKind[]).map(problemType);
}
