import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateIf } from 'class-validator';

/** Ids of members, providers, records and estimates: short, and safe in URLs, logs and on chain. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
export const ID_MESSAGE = '$property must be 1 to 64 letters, digits, ".", "_", ":" or "-"';

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
