import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as rendered: only the envelope is typed, the rest is read through the helpers below. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** One problem found in a rendered overlay or the Dockerfile, named so it can be fixed without a search. */
export interface Finding {
  subject: string;
  problem: string;
}

export function describe(object: K8sObject): string {
  const where = object.metadata.namespace ? `${object.metadata.namespace}/` : '';
  return `${object.kind} ${where}${object.metadata.name}`;
}

/** Every document of a multi-document YAML stream; a document that is not an object is refused by name. */
export function parseManifests(text: string, source: string): K8sObject[] {
  const objects: K8sObject[] = [];
  for (const [index, document] of parseAllDocuments(text).entries()) {
    if (document.errors.length) throw new Error(`${source}, document ${index + 1}: ${document.errors[0].message}`);
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue;
    if (!isRecord(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') {
      throw new Error(`${source}, document ${index + 1}: not a Kubernetes object (apiVersion and kind missing)`);
    }
    const metadata = value.metadata;
    if (!isRecord(metadata) || typeof metadata.name !== 'string') {
      throw new Error(`${source}, document ${index + 1}: ${value.kind} without metadata.name`);
    }
    objects.push(value as K8sObject);
  }
  return objects;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a dotted path of plain objects, or undefined. */
export function at(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

export function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
