import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import type { ValidationError, ValidatorOptions } from 'class-validator';
import type { FieldError } from '../http/problem.js';
import { ProblemException } from '../http/problem.exception.js';
import { entryErrors } from './each-entry.js';
import { hasForbiddenCharacter, inspectJson } from './hostile-json.js';
import { missingFieldErrors } from './requires-one-of.js';
import { oversizedLists } from './list-sizes.js';
import { inheritedNameFields, tooManyUnknownFields } from './unknown-fields.js';
import { flattenValidationErrors } from './validation-errors.js';

/**
 * The one validation pipe of the gateway (API.md, Conventions): unknown fields are refused, not
 * dropped (a typo must not pass silently), values are never converted implicitly (the string "12"
 * is not the amount 12), and each invalid field is named by its path with its first problem.
 */
export class GatewayValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      stopAtFirstError: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => fieldsProblem(flattenValidationErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A malformed id in a path names nothing (404, as an unknown one), but one holding control
    // characters is an attack rather than a typo: refused, naming the parameter (issue 13).
    if (metadata.type === 'param') refuseForbiddenCharacters(value, metadata.data);
    // An array, a string or null where an object is expected would otherwise be reported field by
    // field (or as "property 0 should not exist"), which hides what is actually wrong.
    if (!this.toValidate(metadata)) return super.transform(value, metadata);
    if (metadata.type === 'body' && metadata.metatype && !isJsonObject(value)) {
      throw invalid('the body must be a JSON object', [{ field: 'body', message: 'must be a JSON object' }]);
    }
    if ((metadata.type !== 'body' && metadata.type !== 'query') || !metadata.metatype || !isJsonObject(value)) {
      return super.transform(value, metadata);
    }
    // Bodies get this check from the JSON parser; a query string's text obeys the same rules.
    const text = metadata.type === 'query' ? inspectJson(value) : undefined;
    if (text?.kind === 'invalid') throw fieldsProblem([text.error]);
    const tooMany = tooManyUnknownFields(value, metadata.metatype);
    if (tooMany.length > 0) throw invalid('the request has too many unknown fields', tooMany);
    const oversized = oversizedLists(value, metadata.metatype);
    if (oversized.length > 0) throw fieldsProblem(oversized);
    const inherited = inheritedNameFields(value);
    if (inherited.length === 0) return super.transform(value, metadata);
    // Named with whatever else is wrong, as any unknown field is.
    const others = await super.transform(value, metadata).then(
      () => [],
      (error: unknown) => {
        if (error instanceof ProblemException && error.problem.errors) return error.problem.errors;
        throw error;
      },
    );
    throw fieldsProblem([...others, ...inherited]);
  }

  /**
   * The decorators' verdict, then what they cannot express: each entry of a list or map named by
   * its path (`@EachEntry`, for fields whose own rules passed), and "at least one of" (`@RequiresOneOf`,
   * once everything else is valid).
   */
  protected override async validate(dto: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(dto, options);
    const invalidFields = new Set(errors.map((error) => error.property));
    const all = [...errors, ...entryErrors(dto).filter((error) => !invalidFields.has(error.property))];
    return all.length > 0 ? all : missingFieldErrors(dto);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new GatewayValidationPipe();
}

function refuseForbiddenCharacters(value: unknown, name: string | undefined): void {
  const entries: [string, unknown][] =
    name === undefined && isJsonObject(value) ? Object.entries(value) : [[name ?? 'id', value]];
  const bad = entries.filter(([, text]) => typeof text === 'string' && hasForbiddenCharacter(text));
  if (bad.length > 0) {
    throw fieldsProblem(bad.map(([field]) => ({ field, message: 'must not contain control characters' })));
  }
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How many field errors one answer lists: 20,000 bad fee-schedule entries get 50 of them, not 2 MB. */
export const MAX_REPORTED_FIELD_ERRORS = 50;

function fieldsProblem(fieldErrors: FieldError[]): ProblemException {
  const count = new Set(fieldErrors.map((error) => error.field)).size;
  return invalid(
    `${count} field${count === 1 ? ' is' : 's are'} invalid`,
    fieldErrors.slice(0, MAX_REPORTED_FIELD_ERRORS),
  );
}

function invalid(detail: string, errors: FieldError[]): ProblemException {
  return ProblemException.of('validation', detail, { errors });
}
