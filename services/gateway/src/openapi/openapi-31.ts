/**
 * @nestjs/swagger emits OpenAPI 3.0; API.md promises 3.1. The differences that matter for what it
 * emits are the version and `nullable`, which 3.1 (JSON Schema 2020-12) expresses as a `null` type.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export function toOpenApi31<T extends object>(document: T): T {
  const converted = convert(document as unknown as Json) as JsonObject;
  converted.openapi = '3.1.0';
  converted.jsonSchemaDialect = 'https://spec.openapis.org/oas/3.1/dialect/base';
  return converted as unknown as T;
}

function convert(value: Json): Json {
  if (Array.isArray(value)) return value.map(convert);
  if (value === null || typeof value !== 'object') return value;
  const object: JsonObject = {};
  for (const [key, item] of Object.entries(value)) object[key] = convert(item);
  return object.nullable === true ? nullableToTypeArray(object) : withoutFalseNullable(object);
}

function nullableToTypeArray(schema: JsonObject): JsonObject {
  const { nullable: _nullable, ...rest } = schema;
  if (typeof rest.type === 'string') return { ...rest, type: [rest.type, 'null'] };
  if (Array.isArray(rest.type)) return { ...rest, type: [...rest.type.filter((t) => t !== 'null'), 'null'] };
  // A $ref or a composition: "this, or null".
  return { oneOf: [rest, { type: 'null' }] };
}

function withoutFalseNullable(schema: JsonObject): JsonObject {
  if (schema.nullable !== false) return schema;
  const { nullable: _nullable, ...rest } = schema;
  return rest;
}
