import { getMetadataStorage } from 'class-validator';
import type { FieldError } from '../http/problem.js';

/** How many unknown fields one answer names: a body of 90,000 typos gets 20 of them, not 5 MB. */
export const MAX_REPORTED_UNKNOWN_FIELDS = 20;

/**
 * The top-level fields of a plain body or query that its class does not declare, when there are
 * more than `MAX_REPORTED_UNKNOWN_FIELDS` (the first of them): refused at once, before
 * class-transformer and class-validator spend time on each. Fewer are left to class-validator,
 * which names them along with every other invalid field.
 */
export function tooManyUnknownFields(
  plain: object,
  metatype: abstract new (...args: never[]) => unknown,
): FieldError[] {
  const declared = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(metatype, '', true, false)
      .map((metadata) => metadata.propertyName),
  );
  const unknown: string[] = [];
  for (const key of Object.keys(plain)) {
    if (declared.has(key)) continue;
    unknown.push(key);
    if (unknown.length > MAX_REPORTED_UNKNOWN_FIELDS)
      return unknown.slice(0, MAX_REPORTED_UNKNOWN_FIELDS).map(shouldNotExist);
  }
  return [];
}

/**
 * Fields named like a member every object inherits (`toString`, `constructor`, `valueOf`…): no
 * schema of the API declares one, and class-transformer drops them silently, so class-validator
 * never sees them. Found here in the plain value, at any depth (without recursion), by path.
 */
export function inheritedNameFields(plain: unknown): FieldError[] {
  const found: FieldError[] = [];
  const pending: { value: unknown; path: string }[] = [{ value: plain, path: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push({ value: item, path: `${path}[${index}]` }));
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (isInheritedName(key)) {
        found.push(shouldNotExist(field));
        if (found.length >= MAX_REPORTED_UNKNOWN_FIELDS) return found;
      } else {
        pending.push({ value: child, path: field });
      }
    }
  }
  return found;
}

function isInheritedName(key: string): boolean {
  return key in Object.prototype || key === 'prototype';
}

/** class-validator's own message for a field the class does not declare, with the field's path. */
function shouldNotExist(field: string): FieldError {
  const name = field.slice(field.lastIndexOf('.') + 1);
  return { field, message: `property ${name} should not exist` };
}
