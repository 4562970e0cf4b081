import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether a request's `authorization` header carries the service's ops token
 * (docs/decisions/0011-ops-endpoints.md). Without a configured token nothing opens. Both sides are
 * hashed first, so the comparison takes the same time whatever the length or content of the guess.
 */
export function opensOps(authorization: string | undefined, opsToken: string | undefined): boolean {
  if (!opsToken || !authorization) return false;
  const match = /^Bearer +(\S+) *$/i.exec(authorization);
  if (!match) return false;
  return timingSafeEqual(digest(match[1]), digest(opsToken));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * The name the ops token goes by in an OpenAPI document: the operations below declare it, and an
 * application that serves a document defines it (a bearer scheme) under this name.
 */
export const OPS_SECURITY_SCHEME = 'ops';

export const OPS_PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The refusal of `/metrics` (and what it says), in the gateway's problem format. */
export const OPS_UNAUTHORIZED = {
  type: 'urn:problem:healthclaims:unauthorized',
  title: 'Unauthorized',
  status: 401,
  detail: 'operations data needs authorization: Bearer <OPS_TOKEN>',
} as const;
