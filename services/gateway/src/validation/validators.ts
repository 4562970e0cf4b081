import { isRealDate } from '#libs/contracts';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/**
 * One rule, one message: a property decorator that refuses what `isValid` refuses and names the
 * field the way every other gateway message does (`$property must …`).
 */
export function fieldRule(
  name: string,
  message: string,
  isValid: (value: unknown, args: ValidationArguments) => boolean,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyKey),
      options: { message, ...options },
      validator: { validate: isValid },
    });
}

export function isMinorUnits(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A `YYYY-MM-DD` string that is a real calendar date: 2026-02-30 is refused. */
export function IsRealDate(options?: ValidationOptions): PropertyDecorator {
  return fieldRule(
    'isRealDate',
    '$property must be a real date in YYYY-MM-DD form',
    (value) => typeof value === 'string' && isRealDate(value),
    options,
  );
}

/** Money in the minor unit (DOMAIN.md, Money): a JSON integer, not negative, exactly representable. */
export function IsMinorUnits(options?: ValidationOptions): PropertyDecorator {
  return fieldRule(
    'isMinorUnits',
    '$property must be a non-negative integer amount in minor units (e.g. cents)',
    isMinorUnits,
    options,
  );
}

/** A whole percentage from 0 to 100 (DOMAIN.md, Plan: coinsurance). */
export function IsPercentage(): PropertyDecorator {
  return fieldRule(
    'isPercentage',
    '$property must be a whole percentage from 0 to 100',
    (value) => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100,
  );
}

/**
 * A date that may not come before another date field of the same body (coverage end after its
 * start). Compared only when both are real dates: a malformed one is reported by its own rule.
 */
export function IsNotBefore(other: string): PropertyDecorator {
  return fieldRule(`isNotBefore_${other}`, `$property must not be before ${other}`, (value, args) => {
    const earlier = (args.object as Record<string, unknown>)[other];
    if (typeof value !== 'string' || typeof earlier !== 'string') return true;
    if (!isRealDate(value) || !isRealDate(earlier)) return true;
    return value >= earlier;
  });
}

/**
 * A person's or an organisation's name: text with something in it, at most 200 characters, on one
 * line (other control characters are refused for every text by the JSON parser).
 */
export function IsDisplayName(): PropertyDecorator {
  const isName = fieldRule(
    'isDisplayName',
    '$property must be a name of 1 to 200 characters',
    (value) => typeof value === 'string' && value.trim().length > 0 && value.length <= 200,
  );
  const isOneLine = fieldRule(
    'isOneLine',
    '$property must not contain tabs or line breaks',
    (value) => typeof value !== 'string' || !/[\t\n\r]/.test(value),
  );
  return (target, propertyKey) => {
    isName(target, propertyKey);
    isOneLine(target, propertyKey);
  };
}

/** An EVM address (API.md, Set-up: the on-chain identity of an insurer or a member). */
export function IsChainAddress(): PropertyDecorator {
  return fieldRule(
    'isChainAddress',
    '$property must be a 0x-prefixed 20-byte hex address',
    (value) => typeof value === 'string' && /^0x[0-9a-fA-F]{40}$/.test(value),
  );
}

/** A JSON boolean: `"true"` and `1` are refused, as no value is converted implicitly. */
export function IsJsonBoolean(): PropertyDecorator {
  return fieldRule('isJsonBoolean', '$property must be true or false', (value) => typeof value === 'boolean');
}
