import { createHash } from 'node:crypto';
import type { Principal } from '#libs/contracts';

/**
 * Keys are remembered per caller, so two callers who pick the same key never meet: one cannot
 * replay, or even detect, another's request.
 */
export function idempotencyScope(principal: Principal): string {
  return [principal.role, principal.org ?? principal.patient ?? '', principal.sub].join(':');
}

/**
 * What "the same request" means for a key: the same method, path and body, whatever the order of
 * the body's keys or its whitespace. SHA-256 hex of the canonical JSON.
 */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method.toUpperCase()} ${path}\n`).update(canonicalJson(body)).digest('hex');
}

/** JSON with object keys sorted at every depth (arrays keep their order: it means something). */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/**
 * The key the claims service stores a claim under: one per caller, Idempotency-Key and request, so a
 * retry after a timeout (which the gateway does not remember) finds the claim stored the first time.
 */
export function submissionKey(principal: Principal, key: string, fingerprint: string): string {
  return createHash('sha256')
    .update(`${idempotencyScope(principal)}\n${key}\n${fingerprint}`)
    .digest('hex');
}

/** API.md: at most 255 characters; printable ASCII so it is safe in logs and an index. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
