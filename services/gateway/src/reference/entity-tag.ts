import { createHash } from 'node:crypto';

/**
 * A weak entity tag of a JSON answer (RFC 9110, 8.8.3): the same body, the same tag. Weak, because the
 * same JSON may be sent compressed or not.
 */
export function entityTagOf(body: unknown): string {
  return `W/"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
}

/** Whether `If-None-Match` names the tag (weak comparison, as for GET), or is `*`. */
export function matchesEntityTag(ifNoneMatch: string | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (value: string) => value.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((candidate) => candidate.trim() === '*' || opaque(candidate) === opaque(tag));
}
