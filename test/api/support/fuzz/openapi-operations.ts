/** The part of JSON Schema (OpenAPI 3.1) the gateway's document uses, with `$ref`s resolved. */
export interface Schema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  example?: unknown;
  $ref?: string;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

/** One operation of the document: `key` is `METHOD /path/{param}` as the roles table names it. */
export interface Operation {
  key: string;
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
}

type Document = {
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>
  >;
  components: { schemas: Record<string, Schema> };
};

/** Every `/v1` operation of the gateway's OpenAPI document, schemas resolved. */
export function operationsOf(document: unknown): Operation[] {
  const doc = document as Document;
  const resolve = (schema: Schema): Schema => {
    const target = schema.$ref ? doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;
    if (!target) throw new Error(`unresolved ${schema.$ref}`);
    const resolved: Schema = { ...target };
    if (target.properties) {
      resolved.properties = Object.fromEntries(Object.entries(target.properties).map(([k, v]) => [k, resolve(v)]));
    }
    if (target.items) resolved.items = resolve(target.items);
    return resolved;
  };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith('/v1/')) continue;
    for (const [method, operation] of Object.entries(methods)) {
      const body = operation.requestBody?.content['application/json']?.schema;
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters: (operation.parameters ?? []).map((p) => ({ ...p, schema: resolve(p.schema ?? {}) })),
        ...(body ? { body: resolve(body) } : {}),
      });
    }
  }
  return operations;
}

export function typesOf(schema: Schema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  return schema.properties ? ['object'] : [];
}
