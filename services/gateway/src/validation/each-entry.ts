import { ValidationError } from 'class-validator';

/** A check of one entry of a list or of a map, with what it must be ("must be …"). */
export interface EntryCheck {
  isValid: (value: unknown) => boolean;
  message: string;
}

interface EntryRule {
  property: string;
  value: EntryCheck;
  /** For a map (a JSON object): what its keys must be. Without it, the field is a list. */
  key?: EntryCheck;
}

const RULES = new WeakMap<object, EntryRule[]>();

/** At most this many bad entries are reported per field: enough to fix them, short enough to read. */
const MAX_REPORTED = 10;

/**
 * Checks every entry of a list, or every key and value of a map, and names the offending entry by
 * its path (`coveredCodes[3]`, `copays.office_visit`), which class-validator's `each` cannot do:
 * it names only the list. Runs after the property's own decorators passed (it is an array, or an
 * object), through `entryErrors`, which the gateway's validation pipe calls. Top-level fields only.
 */
export function EachEntry(value: EntryCheck, options: { key?: EntryCheck } = {}): PropertyDecorator {
  return (target, propertyKey) => {
    const rules = RULES.get(target.constructor) ?? [];
    rules.push({ property: String(propertyKey), value, ...options });
    RULES.set(target.constructor, rules);
  };
}

/** The bad entries of `dto`'s fields, as class-validator errors whose children name each entry. */
export function entryErrors(dto: object): ValidationError[] {
  return rulesOf(dto).flatMap((rule) => {
    const children = badEntries(rule, (dto as Record<string, unknown>)[rule.property]).slice(0, MAX_REPORTED);
    return children.length > 0 ? [validationError(rule.property, {}, children)] : [];
  });
}

function badEntries(rule: EntryRule, value: unknown): ValidationError[] {
  if (!rule.key) {
    if (!Array.isArray(value)) return [];
    return value.flatMap((entry, index) =>
      rule.value.isValid(entry) ? [] : [entryError(`${rule.property}[${index}]`, String(index), rule.value)],
    );
  }
  const keyCheck = rule.key;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, entry]) => {
    const path = `${rule.property}.${key}`;
    if (!keyCheck.isValid(key)) return [entryError(path, key, keyCheck, 'key')];
    return rule.value.isValid(entry) ? [] : [entryError(path, key, rule.value)];
  });
}

function entryError(path: string, property: string, check: EntryCheck, what = 'entry'): ValidationError {
  const name = what === 'key' ? `the key of ${path}` : path;
  return validationError(property, { [`each${what}`]: `${name} ${check.message}` }, []);
}

function validationError(
  property: string,
  constraints: Record<string, string>,
  children: ValidationError[],
): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

function rulesOf(dto: object): EntryRule[] {
  const rules: EntryRule[] = [];
  for (let type = dto.constructor; type && type !== Object; type = Object.getPrototypeOf(type) as typeof type) {
    rules.push(...(RULES.get(type) ?? []));
  }
  return rules;
}
