import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import type { FieldError } from '../http/problem.js';

type Class = abstract new (...args: never[]) => unknown;

/**
 * Lists longer than their `@ArrayMaxSize`, found in the plain body before class-transformer and
 * class-validator visit every entry: 250,000 entries where 50 are allowed would otherwise hold the
 * event loop for seconds before being refused (issue 13). Follows nested objects by their declared
 * type (`applicant: ApplicantDto`); lists of objects are bounded by their own size and by
 * `MAX_ARRAY_ITEMS` for anything deeper.
 */
export function oversizedLists(plain: Record<string, unknown>, metatype: Class, path = ''): FieldError[] {
  const errors: FieldError[] = [];
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false);
  const properties = new Set(metadatas.map((metadata) => metadata.propertyName));
  for (const property of properties) {
    const value = plain[property];
    const field = path ? `${path}.${property}` : property;
    const max: unknown = metadatas.find((m) => m.propertyName === property && m.name === 'arrayMaxSize')
      ?.constraints?.[0];
    if (Array.isArray(value) && typeof max === 'number' && value.length > max) {
      errors.push({ field, message: `${property} must contain no more than ${max} elements` });
      continue;
    }
    const declared: unknown = Reflect.getMetadata('design:type', metatype.prototype as object, property);
    if (isPlainObject(value) && typeof declared === 'function' && declared !== Object) {
      errors.push(...oversizedLists(value, declared as Class, field));
    }
  }
  return errors;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
