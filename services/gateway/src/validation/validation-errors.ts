import type { ValidationError } from 'class-validator';
import type { FieldError } from '../http/problem.js';

/**
 * Flattens class-validator's tree of errors into `{field, message}` entries whose `field` is a
 * path a client can point at: `lines[0].charge`, `records[1].sha256`, `memberId`.
 */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = joinPath(parent, error.property);
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field: field || 'body', message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

function joinPath(parent: string, property: string | undefined): string {
  if (property === undefined || property === '') return parent;
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}
