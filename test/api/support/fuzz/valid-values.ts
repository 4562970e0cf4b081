import { randomUUID } from 'node:crypto';
import { typesOf, type Schema } from './openapi-operations.js';

/**
 * Values the gateway accepts where the document's examples would not do (an ellipsis as a
 * signature), by field name: the bases the fuzz breaks one thing of, so that each bad input is bad
 * for the one reason it was made for.
 */
const VALID_BY_NAME: Record<string, unknown> = {
  signature: `0x${'ab'.repeat(65)}`,
  message: { recordId: 'REC-1' },
  sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  plannedDate: '2099-12-14',
  serviceDate: '2026-03-14',
};

/** A value of `schema` the gateway's validation accepts, from the document's examples where it has them. */
export function validValue(schema: Schema, name = ''): unknown {
  if (name in VALID_BY_NAME) return structuredClone(VALID_BY_NAME[name]);
  const types = typesOf(schema);
  if (types.includes('object') && schema.properties) {
    return Object.fromEntries(
      Object.entries(schema.properties).map(([key, property]) => [key, validValue(property, key)]),
    );
  }
  if (types.includes('array') && schema.items) {
    if (schema.example !== undefined && typesOf(schema.items)[0] !== 'object') return structuredClone(schema.example);
    return Array.from({ length: Math.max(schema.minItems ?? 1, 1) }, () => validValue(schema.items!));
  }
  if (schema.example !== undefined && schema.example !== null) return structuredClone(schema.example);
  if (schema.enum) return schema.enum[0];
  if (schema.format === 'date') return '2026-03-14';
  if (schema.format === 'date-time') return '2027-12-31T23:59:59Z';
  if (schema.format === 'uuid') return randomUUID();
  if (types.includes('integer') || types.includes('number')) return schema.minimum ?? 1;
  if (types.includes('boolean')) return false;
  if (types.includes('object')) return {};
  return 'X-1';
}
