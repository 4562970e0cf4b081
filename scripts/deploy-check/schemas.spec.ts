import { join } from 'node:path';
import { parseManifests } from './manifest.js';
import { SchemaValidator } from './schemas.js';

const validator = new SchemaValidator(join(import.meta.dirname, '..', '..', 'deploy', 'schemas'));
const validate = async (yaml: string) => (await validator.validate(parseManifests(yaml, 'test'))).findings;

describe('schema validation, offline', () => {
  it('accepts a valid built-in object and names a wrongly typed field', async () => {
    expect(await validate('apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}')).toEqual(
      [],
    );
    const findings = await validate(
      'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: http}]}',
    );
    expect(findings).toHaveLength(1);
    expect(findings[0].problem).toContain('spec/ports/0/port must be integer');
  });

  it('validates Prometheus Operator kinds with their CRD package', async () => {
    const rule =
      'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: r}\nspec: {groups: [{name: g}]}';
    expect(await validate(rule)).toEqual([]);
    const broken = await validate(rule.replace('{name: g}', '{rules: []}'));
    expect(broken[0].problem).toBe('schema: data/spec/groups/0 must have required property name');
  });

  it('validates CloudNativePG clusters against the schema kept in deploy/schemas', async () => {
    const cluster = (spec: string) =>
      `apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata: {name: db}\nspec: ${spec}`;
    expect(await validate(cluster('{instances: 3, storage: {size: 1Gi}}'))).toEqual([]);
    expect((await validate(cluster('{instances: 0}')))[0].problem).toBe('schema: Cluster/spec/instances must be >= 1');
    expect((await validate(cluster('{instances: 3, storrage: {}}')))[0].problem).toBe(
      'schema: Cluster/spec must NOT have additional properties',
    );
  });

  it('refuses a kind it has no schema for', async () => {
    expect(await validate('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}')).toEqual([
      { subject: 'Widget w', problem: 'no schema for example.com/v1 Widget (add one to deploy/schemas)' },
    ]);
  });
});
