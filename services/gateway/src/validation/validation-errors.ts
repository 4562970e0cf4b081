import type { ValidationError } from 'class-validator';
import type { FieldError } from '../http/problem.js';

/**
 * Flattens class-validator's tree of errors into `{field, message}` entries whose `field` is a
 * path a client can point at: `lines[0].charge`, `records[1].sha256`, `memberId`.
 */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    // An unknown field is a field whatever its name: "8" is `8`, not the index `[8]`.
    const field = joinPath(parent, error.property, error.constraints?.whitelistValidation !== undefined);
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field: field || 'body', message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

function joinPath(parent: string, property: string | undefined, named: boolean): string {
  if (property === undefined || property === '') return parent;
  if (/^\d+$/.test(property) && parent && !named) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}
