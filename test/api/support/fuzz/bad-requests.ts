import fc from 'fast-check';
import { badBodies, unwantedBodies, type BadBody } from './body-mutations.js';
import type { Operation } from './openapi-operations.js';
import { badParameters } from './request-mutations.js';
import { validValue } from './valid-values.js';

/** One request with one thing wrong with it, ready to send. */
export interface BadRequest {
  operation: string;
  reason: string;
  method: string;
  /** Path and query, percent-encoded as an attacker would send them (lone surrogates too). */
  url: string;
  contentType?: string;
  body?: string | Buffer;
  /** The statuses that refuse it properly. */
  statuses: number[];
  /** The field or parameter the refusal must name, when one is to blame. */
  field?: string;
}

/** A refusal: invalid (400), too large (413), URI too long (414), not JSON (415). */
const REFUSED = [400, 413, 414, 415];

/** Actions that take no body: anything but none or `{}` is bad. */
const BODILESS_ACTIONS = /\/(assign|replay|revoke\/typed-data)$/;

/** Parameter values the gateway accepts, to keep all but the broken one valid. */
const VALID_PARAMETERS: Record<string, string> = {
  id: '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b',
  providerId: 'P-1',
  recordId: 'REC-1',
  limit: '10',
  status: '',
  memberId: 'M-1',
  minScore: '50',
  date: '2026-03-14',
  from: '2026-03-01',
  to: '2026-03-31',
  planId: 'PLAN-1',
  subject: 'claims.>',
  since: '2026-01-01T00:00:00Z',
};

/** Bad requests for one operation, or undefined when it takes no input at all. */
export function badRequestsFor(operation: Operation): fc.Arbitrary<BadRequest> | undefined {
  const valid: Record<string, string> = { ...VALID_PARAMETERS };
  if (operation.path === '/v1/members/{id}' || operation.path.startsWith('/v1/members/{id}/')) valid.id = 'M-1';
  if (operation.path.startsWith('/v1/admin/dead-letters/{id}')) valid.id = '999999';
  const base = operation.body ? validValue(operation.body) : undefined;
  const validPath = fillPath(operation.path, valid);
  const bodies = operation.body
    ? badBodies(operation.body, base)
    : BODILESS_ACTIONS.test(operation.path) && operation.method === 'POST'
      ? unwantedBodies
      : undefined;
  const cursorIds = ['/v1/plans', '/v1/members'].includes(operation.path) ? 'entity' : 'uuid';
  const parameters = badParameters(operation.parameters, valid, cursorIds);
  const validBody = base === undefined ? undefined : JSON.stringify(base);
  const options: fc.Arbitrary<BadRequest>[] = [];
  if (bodies) {
    options.push(
      bodies.map((bad: BadBody) => ({
        operation: operation.key,
        reason: bad.reason,
        method: operation.method,
        url: validPath,
        contentType: bad.contentType ?? 'application/json',
        body: bad.body,
        statuses: REFUSED,
        ...(bad.field === undefined ? {} : { field: bad.field }),
      })),
    );
  }
  if (parameters) {
    options.push(
      parameters.map((bad) => ({
        operation: operation.key,
        reason: bad.reason,
        method: operation.method,
        url: `${fillPath(operation.path, bad.path)}${queryOf(bad.query)}`,
        statuses: bad.statuses ?? REFUSED,
        ...(bad.field === undefined ? {} : { field: bad.field }),
        ...(validBody === undefined ? {} : { contentType: 'application/json', body: validBody }),
      })),
    );
  }
  return options.length > 0 ? fc.oneof(...options) : undefined;
}

function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => encodeHostile(values[name] ?? ''));
}

function queryOf(pairs: [string, string][]): string {
  if (pairs.length === 0) return '';
  return `?${pairs.map(([name, value]) => `${encodeHostile(name)}=${encodeHostile(value)}`).join('&')}`;
}

/**
 * Percent-encodes every UTF-16 unit, lone surrogates included (as the three bytes a careless encoder
 * writes, which are not UTF-8): `encodeURIComponent` would throw, and URLSearchParams would send U+FFFD.
 */
export function encodeHostile(text: string): string {
  let encoded = '';
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    const pair = unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && /[\udc00-\udfff]/.test(text[i + 1]);
    if (unit >= 0xd800 && unit <= 0xdfff && !pair) {
      encoded += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else if (pair) {
      encoded += encodeURIComponent(text.slice(i, i + 2));
      i += 1;
    } else
      encoded += encodeURIComponent(text[i]).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      );
  }
  return encoded;
}
