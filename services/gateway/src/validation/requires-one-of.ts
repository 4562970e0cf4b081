import { ValidationError } from 'class-validator';

const REQUIRED = new WeakMap<object, readonly string[]>();

/**
 * A body that must set at least one of these fields (a PATCH that changes nothing is a mistake).
 * Checked by the gateway's validation pipe once every field is valid on its own.
 */
export function RequiresOneOf(...fields: string[]): ClassDecorator {
  return (target) => {
    REQUIRED.set(target, fields);
  };
}

export function missingFieldErrors(dto: object): ValidationError[] {
  const fields = REQUIRED.get(dto.constructor);
  if (!fields || fields.some((field) => (dto as Record<string, unknown>)[field] !== undefined)) return [];
  return [
    Object.assign(new ValidationError(), {
      property: 'body',
      constraints: { requiresOneOf: `the body must set at least one of ${fields.join(', ')}` },
      children: [],
    }),
  ];
}
