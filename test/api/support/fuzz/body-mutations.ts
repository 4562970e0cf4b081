import fc from 'fast-check';
import { typesOf, type Schema } from './openapi-operations.js';
import * as bad from './hostile-values.js';

/** A JSON body with one thing wrong, and what that thing is (for the failure message). */
export interface BadBody {
  reason: string;
  body: string | Buffer;
  contentType?: string;
  /** The field the refusal must name (as the gateway names it: `lines[0].code`), when one is to blame. */
  field?: string;
}

type Path = (string | number)[];
interface Site {
  path: Path;
  schema: Schema;
  required: boolean;
}

/** Stands for raw JSON text (a 20,000-deep value) until the body is serialised. */
const RAW = '\u2063raw\u2063';

/** Every field of a valid body (`base`) with its schema: each is a place to break the body. */
function sitesOf(schema: Schema, value: unknown, path: Path = []): Site[] {
  const sites: Site[] = [];
  if (schema.properties && value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [name, property] of Object.entries(schema.properties)) {
      const child = (value as Record<string, unknown>)[name];
      sites.push({ path: [...path, name], schema: property, required: schema.required?.includes(name) ?? false });
      sites.push(...sitesOf(property, child, [...path, name]));
    }
  } else if (schema.items && Array.isArray(value) && value.length > 0) {
    sites.push({ path: [...path, 0], schema: schema.items, required: false });
    sites.push(...sitesOf(schema.items, value[0], [...path, 0]));
  }
  return sites;
}

/** Objects of the body whose schema is closed (any field it does not declare is unknown). */
function closedObjectsOf(schema: Schema, value: unknown, path: Path = []): { path: Path; known: string[] }[] {
  const found: { path: Path; known: string[] }[] = [];
  if (!value || typeof value !== 'object') return found;
  if (Array.isArray(value))
    return schema.items && value.length > 0 ? closedObjectsOf(schema.items, value[0], [...path, 0]) : found;
  if (!schema.properties || schema.additionalProperties) return found;
  found.push({ path, known: Object.keys(schema.properties) });
  for (const [name, property] of Object.entries(schema.properties)) {
    found.push(...closedObjectsOf(property, (value as Record<string, unknown>)[name], [...path, name]));
  }
  return found;
}

function serialise(
  base: unknown,
  path: Path,
  change: (parent: Record<string | number, unknown>, key: string | number) => void,
  raw?: string,
): string {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  change(parent, path[path.length - 1]);
  const text = JSON.stringify(copy);
  return raw === undefined ? text : text.replace(JSON.stringify(RAW), raw);
}

const set = (base: unknown, path: Path, value: unknown) =>
  serialise(base, path, (parent, key) => (parent[key] = value));
/** A path as the gateway names fields: `lines[0].code`. */
export const named = (path: Path) =>
  path.map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? key : `.${key}`)).join('');

/** Ways to break one field, given its schema; empty when none applies. */
function fieldMutations(base: unknown, site: Site): fc.Arbitrary<BadBody>[] {
  const { path, schema } = site;
  const types = typesOf(schema);
  const field = named(path);
  const to = (reason: string, values: fc.Arbitrary<unknown>) =>
    values.map((value) => ({
      reason: `${field}: ${reason} ${JSON.stringify(value)?.slice(0, 60)}`,
      body: set(base, path, value),
      field,
    }));
  const mutations: fc.Arbitrary<BadBody>[] = [];
  const example = typeof schema.example === 'string' ? schema.example : 'Text';
  if (types.includes('string')) {
    mutations.push(to('not a string', bad.notAString), to('control character', bad.withForbiddenCharacter(example)));
    if (schema.maxLength !== undefined) {
      const max = schema.maxLength;
      mutations.push(
        to(
          'too long',
          fc
            .tuple(fc.integer({ min: max + 1, max: max + 400 }), fc.constantFrom('a', 'é'))
            .map(([n, c]) => c.repeat(n)),
        ),
      );
    }
    if (schema.pattern) {
      const pattern = new RegExp(schema.pattern);
      mutations.push(
        to(
          'not matching its pattern',
          fc.string({ maxLength: 70 }).filter((text) => !pattern.test(text)),
        ),
      );
    }
    if (schema.enum)
      mutations.push(
        to(
          'not one of its values',
          fc.string({ maxLength: 12 }).filter((text) => !schema.enum!.includes(text)),
        ),
      );
    if (schema.format === 'date') mutations.push(to('not a date', bad.notADate));
    if (schema.format === 'date-time') mutations.push(to('not a date-time', bad.notADateTime));
  }
  if (types.includes('integer')) {
    mutations.push(to('not an integer', bad.notAnInteger));
    if (schema.minimum !== undefined)
      mutations.push(to('below its minimum', fc.integer({ min: -1e9, max: schema.minimum - 1 })));
    if (schema.maximum !== undefined)
      mutations.push(to('above its maximum', fc.integer({ min: schema.maximum + 1, max: 2 ** 40 })));
  }
  if (types.includes('boolean')) mutations.push(to('not a boolean', bad.notABoolean));
  if (types.includes('array')) {
    mutations.push(to('not an array', bad.notAnArray));
    const items = schema.items ?? {};
    const value = path.reduce<unknown>(
      (node, key) => (node as Record<string | number, unknown>)[key],
      base,
    ) as unknown[];
    if (schema.maxItems !== undefined && value.length > 0) {
      const extra = schema.maxItems > 1000 ? fc.constant(1) : fc.integer({ min: 1, max: 20 });
      mutations.push(
        extra.map((n) => ({
          reason: `${field}: ${schema.maxItems! + n} items`,
          body: set(
            base,
            path,
            Array.from({ length: schema.maxItems! + n }, () => value[0]),
          ),
          field,
        })),
      );
    }
    if (typesOf(items).includes('string'))
      mutations.push(
        to(
          'an item not a string',
          bad.notAString.map((item) => [item]),
        ),
      );
  }
  if (types.includes('object')) mutations.push(to('not an object', bad.notAnObject));
  if (!types.includes('null'))
    mutations.push(fc.constant({ reason: `${field}: null`, body: set(base, path, null), field }));
  if (site.required) {
    mutations.push(
      fc.constant({
        reason: `${field}: missing`,
        body: serialise(base, path, (parent, key) => delete parent[key]),
        field,
      }),
    );
  }
  mutations.push(
    bad.deeplyNested.map((raw) => ({
      reason: `${field}: nested ${raw.length / 2} deep`,
      body: serialise(base, path, (p, k) => (p[k] = RAW), raw),
      field,
    })),
  );
  return mutations;
}

/** An unknown field added to one closed object of the body (own property even when named `__proto__`). */
function unknownFieldMutation(base: unknown, schema: Schema): fc.Arbitrary<BadBody> | undefined {
  const objects = closedObjectsOf(schema, base);
  if (objects.length === 0) return undefined;
  return fc
    .constantFrom(...objects)
    .chain(({ path, known }) => fc.tuple(fc.constant(path), bad.unknownFieldName(known), fc.jsonValue({ maxDepth: 2 })))
    .map(([path, name, value]) => {
      const copy = structuredClone(base) as Record<string | number, unknown>;
      const target = path.reduce<Record<string | number, unknown>>(
        (node, key) => node[key] as Record<string | number, unknown>,
        copy,
      );
      Object.defineProperty(target, name, { value, enumerable: true, configurable: true, writable: true });
      // `__proto__` and `constructor.prototype` are refused as malformed JSON, naming no field.
      const poisoning =
        name === '__proto__' || name === 'constructor' || /"(__proto__|constructor)"/.test(JSON.stringify(value));
      // A field without a name is named by the object that holds it.
      const field = name === '' ? named(path) || 'body' : named([...path, name]);
      return {
        reason: `unknown field ${JSON.stringify(field)}`,
        body: JSON.stringify(copy),
        ...(poisoning ? {} : { field }),
      };
    });
}

/** The body as a whole: not an object, not JSON, not UTF-8, not JSON at all, too large. */
function wholeBodyMutations(base: unknown): fc.Arbitrary<BadBody>[] {
  const text = JSON.stringify(base);
  return [
    fc.constantFrom('[]', '"x"', '1', 'null', 'true', '[{}]').map((body) => ({ reason: `body ${body}`, body })),
    fc.nat({ max: text.length - 1 }).map((at) => ({ reason: `body cut at ${at}`, body: text.slice(0, at) })),
    fc
      .constantFrom('{', '{"a":}', "{'a':1}", '{"a":1,}', '\u0000', text + '}')
      .map((body) => ({ reason: `malformed JSON ${JSON.stringify(body.slice(0, 20))}`, body })),
    fc.constantFrom([0xc3, 0x28], [0xff], [0xed, 0xa0, 0x80], [0xe2, 0x82]).map((bytes) => ({
      reason: `invalid UTF-8 ${bytes.join(',')}`,
      body: Buffer.concat([Buffer.from(text.slice(0, 2)), Buffer.from(bytes), Buffer.from(text.slice(2))]),
    })),
    fc
      .constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'multipart/form-data; boundary=x',
        'application/octet-stream',
        'text/json',
      )
      .map((contentType) => ({ reason: `content type ${contentType}`, body: text, contentType })),
    fc.constant({
      reason: 'over 1 MiB',
      body: JSON.stringify({ ...(base as object), padding: 'a'.repeat(1_100_000) }),
    }),
  ];
}

/** Bad bodies for an operation that takes `schema`, each a valid body with one thing broken. */
export function badBodies(schema: Schema, base: unknown): fc.Arbitrary<BadBody> {
  const sites = sitesOf(schema, base);
  const perField = sites.flatMap((site) => fieldMutations(base, site));
  const unknown = unknownFieldMutation(base, schema);
  return fc.oneof(fc.oneof(...perField), ...(unknown ? [unknown] : []), fc.oneof(...wholeBodyMutations(base)));
}

/** For an action that takes no body: any body but `{}`. */
export const unwantedBodies: fc.Arbitrary<BadBody> = fc
  .oneof(
    fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.jsonValue({ maxDepth: 1 }), {
      minKeys: 1,
      maxKeys: 3,
    }),
    fc.constantFrom<unknown>([], 'x', 1, true, null, [{}]),
  )
  .map((value) => ({ reason: `unwanted body ${JSON.stringify(value).slice(0, 60)}`, body: JSON.stringify(value) }));
