import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, type Finding, type K8sObject } from './manifest.js';

/** What validates one object: a model of `kubernetes-models` (or an `@kubernetes-models/*` CRD package). */
type ModelClass = new (data: unknown) => { validate(): void };

/**
 * CRD packages of `@kubernetes-models`, by API group. Groups not here and not built in are validated
 * against the JSON schemas kept in deploy/schemas/<group>/<version>/<Kind>.json.
 */
const CRD_PACKAGES: Record<string, string> = {
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
};

/** Validates every object against its schema, offline: Kubernetes' own, a CRD package's, or a kept one. */
export class SchemaValidator {
  private readonly kept = new Map<string, ValidateFunction | null>();
  private readonly ajv = new Ajv({ allErrors: true, strict: false });

  constructor(private readonly schemaFolder: string) {}

  async validate(objects: K8sObject[]): Promise<{ findings: Finding[]; validated: number }> {
    const findings: Finding[] = [];
    for (const object of objects) {
      const problem = await this.problemOf(object);
      if (problem) findings.push({ subject: describe(object), problem });
    }
    return { findings, validated: objects.length };
  }

  private async problemOf(object: K8sObject): Promise<string | undefined> {
    const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
    const model = await this.model(group, version, object.kind);
    if (model) {
      try {
        new model(asTheApiServerReadsIt(object)).validate();
        return undefined;
      } catch (error) {
        return `schema: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    const kept = this.keptSchema(group, version, object.kind);
    if (!kept) return `no schema for ${object.apiVersion} ${object.kind} (add one to deploy/schemas)`;
    const kind = object.kind;
    if (kept(object)) return undefined;
    return `schema: ${this.ajv.errorsText(kept.errors, { dataVar: kind })}`;
  }

  private async model(group: string, version: string, kind: string): Promise<ModelClass | undefined> {
    const builtIn = group.includes('.') && !group.endsWith('.k8s.io') ? undefined : 'kubernetes-models';
    const from = CRD_PACKAGES[group] ?? builtIn;
    if (!from) return undefined;
    const path = [from, group, version, kind].filter(Boolean).join('/');
    try {
      const module = (await import(path)) as Record<string, unknown>;
      return module[kind] as ModelClass | undefined;
    } catch {
      return undefined;
    }
  }

  private keptSchema(group: string, version: string, kind: string): ValidateFunction | null {
    const path = join(this.schemaFolder, group, version, `${kind}.json`);
    if (!this.kept.has(path)) {
      let validate: ValidateFunction | null = null;
      try {
        validate = this.ajv.compile(JSON.parse(readFileSync(path, 'utf8')) as object);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      this.kept.set(path, validate);
    }
    return this.kept.get(path) ?? null;
  }
}

/**
 * kustomize writes a long Secret value as base64 wrapped over lines; the API server's base64 decoder skips
 * line breaks, so the schema's `byte` format is checked on the value without them.
 */
function asTheApiServerReadsIt(object: K8sObject): K8sObject {
  if (object.kind !== 'Secret' || typeof object.data !== 'object' || object.data === null) return object;
  const data = Object.fromEntries(
    Object.entries(object.data as Record<string, unknown>).map(([key, value]) => [
      key,
      typeof value === 'string' ? value.replace(/\s+/g, '') : value,
    ]),
  );
  return { ...object, data };
}
