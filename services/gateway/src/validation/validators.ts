import { isRealDate } from '#libs/contracts';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** A `YYYY-MM-DD` string that is a real calendar date: 2026-02-30 is refused. */
export function IsRealDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: 'isRealDate',
      target: target.constructor,
      propertyName: String(propertyKey),
      options: { message: '$property must be a real date in YYYY-MM-DD form', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isRealDate(value) },
    });
}

/** Money in the minor unit (DOMAIN.md, Money): a JSON integer, not negative, exactly representable. */
export function IsMinorUnits(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: 'isMinorUnits',
      target: target.constructor,
      propertyName: String(propertyKey),
      options: { message: '$property must be a non-negative integer amount in minor units (e.g. cents)', ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0,
      },
    });
}
