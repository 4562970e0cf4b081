import type { FieldError } from '../http/problem.js';

/** How deep a body may nest: the deepest API body (a claim's lines) is 3; class-transformer recurses. */
export const MAX_JSON_DEPTH = 16;
/** Fields of one object: far above any schema or map of the API, low enough to bound validation's work. */
export const MAX_OBJECT_FIELDS = 1000;

/** Items of one list: the longest list of the API (a fee schedule) has 20,000; validation visits each. */
export const MAX_ARRAY_ITEMS = 20_000;

/**
 * What no text of the API holds: C0 controls but tab, line feed and carriage return (names refuse
 * those too, by their own rule), DEL, C1 controls, the bidirectional overrides and isolates that
 * make a text display other than it reads (U+202E), and lone UTF-16 surrogates, which are no
 * character at all (with the `u` flag a well-formed pair is one code point and does not match).
 */
const FORBIDDEN_CHARACTER =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u;

/** Whether `text` holds a character no text of the API holds (path parameters are checked with it too). */
export function hasForbiddenCharacter(text: string): boolean {
  return FORBIDDEN_CHARACTER.test(text);
}

/** The verdict on a parsed body: `poisoned` for a prototype-polluting key, else the first bad field. */
export type JsonVerdict = { kind: 'ok' } | { kind: 'poisoned' } | { kind: 'invalid'; error: FieldError };

/**
 * Walks a parsed JSON value without recursion (a 20,000-deep body must not blow the stack here or
 * later in class-transformer) and stops at the first thing the API never accepts: nesting deeper
 * than `MAX_JSON_DEPTH`, an object with more than `MAX_OBJECT_FIELDS` fields, a list of more than
 * `MAX_ARRAY_ITEMS` items, a forbidden character
 * in a key or a string, or a `__proto__` / `constructor.prototype` key (Fastify's own JSON parser
 * refused those as malformed JSON; this keeps that answer).
 */
export function inspectJson(root: unknown): JsonVerdict {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path, depth } = next;
    if (typeof value === 'string') {
      if (FORBIDDEN_CHARACTER.test(value)) return invalid(path, 'must not contain control characters');
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) return invalid(path, `must not nest deeper than ${MAX_JSON_DEPTH} levels`);
    if (Array.isArray(value)) {
      if (value.length > MAX_ARRAY_ITEMS) return invalid(path, `must not have more than ${MAX_ARRAY_ITEMS} items`);
      value.forEach((item, index) => pending.push({ value: item, path: `${path}[${index}]`, depth: depth + 1 }));
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > MAX_OBJECT_FIELDS) return invalid(path, `must not have more than ${MAX_OBJECT_FIELDS} fields`);
    for (const key of keys) {
      const field = path ? `${path}.${key}` : key;
      if (key === '__proto__') return { kind: 'poisoned' };
      const child = (value as Record<string, unknown>)[key];
      if (key === 'constructor' && typeof child === 'object' && child !== null && 'prototype' in child) {
        return { kind: 'poisoned' };
      }
      if (FORBIDDEN_CHARACTER.test(key)) return invalid(field, 'must not contain control characters in its name');
      pending.push({ value: child, path: field, depth: depth + 1 });
    }
  }
  return { kind: 'ok' };
}

function invalid(path: string, message: string): JsonVerdict {
  return { kind: 'invalid', error: { field: path || 'body', message } };
}
