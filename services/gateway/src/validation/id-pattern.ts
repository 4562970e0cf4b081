import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateIf } from 'class-validator';
import { ID_RULE } from '#libs/contracts';

/** Ids of members, providers, records and estimates: the contracts' one pattern, as a class-validator message. */
export { ID_PATTERN } from '#libs/contracts';
export const ID_MESSAGE = `$property ${ID_RULE}`;

/**
 * Like `@IsOptional()` but only for an absent field: an explicit `null` is validated (and refused),
 * because the services' contracts have no null for these fields.
 */
export function IsOptionalField(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/**
 * An optional query parameter: `?status=` (empty) means "no filter", as forms and URL templates
 * send it; any other value is validated.
 */
export function OptionalQueryParam(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value)),
    IsOptionalField(),
  );
}
