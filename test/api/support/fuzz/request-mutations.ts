import fc from 'fast-check';
import type { Parameter } from './openapi-operations.js';
import * as bad from './hostile-values.js';
import { hasForbiddenCharacter } from './hostile-values.js';

/** A path or query with one parameter broken, and which. */
export interface BadParameters {
  reason: string;
  /** The parameter the refusal must name, when it must name one. */
  field?: string;
  /** A malformed id in a path names nothing: 404, as any unknown id (400 when it holds control characters). */
  statuses?: number[];
  path: Record<string, string>;
  query: [string, string][];
}

/**
 * What a list's cursor names its items by: `uuid` for what the platform mints (claims, flags, estimates),
 * `entity` for what callers name (plans, members: the contracts' id pattern, of which a UUID is one).
 */
export type CursorIds = 'uuid' | 'entity';

/** A cursor the platform never issued, however well-formed: bad times, ids, shapes, characters. */
const badCursorOf = (ids: CursorIds) =>
  fc.oneof(
    fc
      .tuple(
        fc.constantFrom(
          '+275760-09-13T00:00:00.000Z',
          '-000001-01-01T00:00:00.000Z',
          '+010000-01-01T00:00:00.000Z',
          '0000-06-01T00:00:00.000Z',
          'not a time',
          '',
        ),
        fc.uuid(),
      )
      .map((cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url')),
    fc
      .tuple(fc.date({ noInvalidDate: true }), ids === 'uuid' ? bad.notAUuid : bad.notAnId)
      .map(([at, id]) => Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url')),
    fc
      .jsonValue({ maxDepth: 2 })
      .filter((value) => !Array.isArray(value) || value.length !== 2)
      .map((value) => Buffer.from(JSON.stringify(value)).toString('base64url')),
    fc.string({ minLength: 513, maxLength: 700, unit: fc.constantFrom(...'abcXYZ-_') }),
    fc.string({ minLength: 1, maxLength: 30 }).chain((text) => bad.withForbiddenCharacter(text)),
    fc.constantFrom(' ', 'a b', 'é', '😀', '%'),
  );

const badLimit = fc.oneof(
  fc.constantFrom('0', '-1', '1e9', 'abc', '1.5', '501', '1000000000', '0x10', ' 1', '1 ', '١', '+1', 'null', '[]'),
  fc.integer({ min: 501, max: 2 ** 40 }).map(String),
  fc.integer({ max: 0 }).map(String),
);

/** Bad values for one query or path parameter, by what its schema says. */
function badValuesOf(parameter: Parameter, cursorIds: CursorIds): fc.Arbitrary<string> {
  const { name, schema } = parameter;
  const always = bad.withForbiddenCharacter(typeof schema.example === 'string' ? schema.example : 'x');
  if (name === 'limit') return fc.oneof(badLimit, always);
  if (name === 'cursor') return badCursorOf(cursorIds);
  if (schema.format === 'uuid') return bad.notAUuid;
  if (schema.format === 'date') return bad.notADate;
  if (schema.format === 'date-time') return bad.notADateTime;
  if (schema.enum)
    return fc.oneof(
      fc.string({ minLength: 1, maxLength: 12 }).filter((v) => !schema.enum!.includes(v)),
      always,
    );
  if (schema.type === 'integer') {
    return fc.oneof(
      fc.integer({ min: (schema.maximum ?? 1e9) + 1, max: 2 ** 40 }).map(String),
      fc.integer({ min: -1e9, max: (schema.minimum ?? -1e9) - 1 }).map(String),
      fc.constantFrom('1.5', 'abc', '1e2'),
      always,
    );
  }
  if (schema.pattern) {
    const rule = new RegExp(schema.pattern, 'u');
    return fc.oneof(
      bad.notAnId.filter((value) => !rule.test(value)),
      always,
    );
  }
  // Free text (a search) with no pattern: any text up to its length, so too long, blank or a forbidden character.
  if (schema.maxLength !== undefined) {
    return fc.oneof(
      fc.string({
        minLength: schema.maxLength + 1,
        maxLength: schema.maxLength + 40,
        unit: fc.constantFrom(...'ab XY09-'),
      }),
      fc.constantFrom(' ', '   '),
      always,
    );
  }
  // Ids (members, providers, records, dead letters, subjects) and other text.
  return fc.oneof(bad.notAnId, always);
}

/**
 * One path or query parameter broken, the others valid (`valid`), plus for operations that take a
 * query: an unknown parameter, or a known one given twice.
 */
export function badParameters(
  parameters: Parameter[],
  valid: Record<string, string>,
  cursorIds: CursorIds = 'uuid',
): fc.Arbitrary<BadParameters> | undefined {
  const inPath = parameters.filter((p) => p.in === 'path');
  const inQuery = parameters.filter((p) => p.in === 'query');
  const pathOf = () => Object.fromEntries(inPath.map((p) => [p.name, valid[p.name]]));
  const options: fc.Arbitrary<BadParameters>[] = [...inPath, ...inQuery].map((parameter) =>
    badValuesOf(parameter, cursorIds).map((value) => ({
      reason: `${parameter.in} ${parameter.name}=${JSON.stringify(value).slice(0, 80)}`,
      ...expectationFor(parameter, value),
      path: parameter.in === 'path' ? { ...pathOf(), [parameter.name]: value } : pathOf(),
      query: parameter.in === 'query' ? [[parameter.name, value]] : [],
    })),
  );
  if (inQuery.length > 0) {
    const known = inQuery.map((p) => p.name);
    options.push(
      fc
        .tuple(
          bad.unknownFieldName(known).filter((name) => name !== ''),
          fc.string({ maxLength: 10 }),
        )
        .map(([name, value]) => ({
          reason: `unknown query parameter ${JSON.stringify(name)}`,
          field: name,
          path: pathOf(),
          query: [[name, value]],
        })),
      fc.constantFrom(...inQuery.filter((p) => valid[p.name] !== undefined)).map((p) => ({
        reason: `query ${p.name} twice`,
        field: p.name,
        path: pathOf(),
        query: [
          [p.name, valid[p.name]],
          [p.name, valid[p.name]],
        ],
      })),
    );
  }
  return options.length > 0 ? fc.oneof(...options) : undefined;
}

/**
 * A malformed id in a path names nothing (404, as any unknown id), unless it holds control characters
 * (400 naming it) or a lone surrogate, which no URL can carry as UTF-8 (400, a bad URL, naming nothing).
 */
function expectationFor(parameter: Parameter, value: string): Pick<BadParameters, 'field' | 'statuses'> {
  if (parameter.in === 'path' && /[\ud800-\udfff]/.test(value) && !/[\ud800-\udbff][\udc00-\udfff]/.test(value))
    return { statuses: [400, 414] };
  if (parameter.in === 'path' && !hasForbiddenCharacter(value)) return { statuses: [400, 404, 414] };
  return { field: parameter.name };
}
