import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseManifests, type K8sObject } from './manifest.js';
import { checkImage, checkPhiMasterKeys, checkPolicy } from './policy.js';

const fixture = (name: string) =>
  parseManifests(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8'), name);
const production = { allowDevelopmentSecrets: false };

/** The parts of the fixture's Deployment these specs change. */
interface FixtureDeployment {
  kind: string;
  apiVersion: string;
  spec: {
    template: {
      metadata: { labels: Record<string, string> };
      spec: {
        securityContext?: object;
        containers: { livenessProbe?: object; readinessProbe?: object; securityContext?: object }[];
      };
    };
  };
}

/** The compliant fixture with its Deployment changed by `change`. */
function withDeployment(change: (deployment: FixtureDeployment) => void): K8sObject[] {
  const objects = structuredClone(fixture('compliant.yaml'));
  change(objects.find((object) => object.kind === 'Deployment') as unknown as FixtureDeployment);
  return objects;
}

describe('deployment policy', () => {
  it('passes a namespace whose pods are probed, limited, locked down and covered by network policies', () => {
    expect(checkPolicy(fixture('compliant.yaml'), production)).toEqual([]);
  });

  it('names the container that has no resource limits', () => {
    expect(checkPolicy(fixture('container-without-limits.yaml'), production)).toEqual([
      { subject: 'Deployment shop/web', problem: 'container app: no resource limits (cpu, memory)' },
    ]);
  });

  it('names a serving container without probes, and does not ask a job for them', () => {
    const objects = withDeployment((deployment) => {
      delete deployment.spec.template.spec.containers[0].livenessProbe;
      delete deployment.spec.template.spec.containers[0].readinessProbe;
    });
    expect(checkPolicy(objects, production).map((finding) => finding.problem)).toEqual([
      'container app: no livenessProbe',
      'container app: no readinessProbe',
    ]);
    const asJob = withDeployment((deployment) => {
      deployment.kind = 'Job';
      deployment.apiVersion = 'batch/v1';
      delete deployment.spec.template.spec.containers[0].livenessProbe;
      delete deployment.spec.template.spec.containers[0].readinessProbe;
    });
    expect(checkPolicy(asJob, production)).toEqual([]);
  });

  it('refuses root, privilege escalation, a writable root filesystem and kept capabilities', () => {
    const objects = withDeployment((deployment) => {
      const pod = deployment.spec.template.spec;
      pod.securityContext = { runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } };
      pod.containers[0].securityContext = {};
    });
    expect(checkPolicy(objects, production).map((finding) => finding.problem)).toEqual([
      'container app: runAsNonRoot is not true (container or pod securityContext)',
      'container app: runAsUser is 0 (root)',
      'container app: securityContext.allowPrivilegeEscalation is not false',
      'container app: securityContext.readOnlyRootFilesystem is not true',
      'container app: securityContext.capabilities.drop lacks ALL',
    ]);
  });

  it("asks every service's container for PHI_MASTER_KEYS, from a Secret", () => {
    const service = { name: 'SERVICE', value: 'claims' };
    const fromSecret = { name: 'PHI_MASTER_KEYS', valueFrom: { secretKeyRef: { name: 'phi', key: 'keys' } } };
    expect(checkPhiMasterKeys({ env: [service] })).toBe(
      'runs a service (SERVICE is set) without PHI_MASTER_KEYS: libs/phi refuses to start in production',
    );
    expect(checkPhiMasterKeys({ env: [service, { name: 'PHI_MASTER_KEYS', value: 'k1:abc' }] })).toBe(
      'PHI_MASTER_KEYS is not taken from a Secret (secretKeyRef)',
    );
    expect(checkPhiMasterKeys({ env: [service, fromSecret] })).toBeUndefined();
    expect(checkPhiMasterKeys({ env: [{ name: 'NATS_URL', value: 'nats://nats:4222' }] })).toBeUndefined();
  });

  it('refuses an image without a version', () => {
    expect(checkImage('web')).toBe('image web has no tag (it would pull latest)');
    expect(checkImage('registry.local:5000/web')).toBe(
      'image registry.local:5000/web has no tag (it would pull latest)',
    );
    expect(checkImage('web:latest')).toBe('image web:latest uses the latest tag');
    expect(checkImage('web:1.2.3')).toBeUndefined();
    expect(checkImage('web@sha256:' + 'a'.repeat(64))).toBeUndefined();
  });

  it('names a pod no network policy selects, and a namespace without default deny', () => {
    const objects = withDeployment((deployment) => {
      deployment.spec.template.metadata.labels = { app: 'api' };
    }).filter((object) => object.metadata.name !== 'default-deny');
    expect(checkPolicy(objects, production)).toEqual([
      {
        subject: 'namespace shop',
        problem: 'no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress, no rules)',
      },
      { subject: 'Deployment shop/web', problem: 'no NetworkPolicy selects its pods by label (labels: {"app":"api"})' },
    ]);
  });

  it('refuses secret values in production, and in dev unless marked as public development values', () => {
    const secret = parseManifests(
      stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'keys', namespace: 'shop' }, data: {} }),
      'secret',
    );
    const objects = [...fixture('compliant.yaml'), ...secret];
    expect(checkPolicy(objects, production)).toEqual([
      {
        subject: 'Secret shop/keys',
        problem: 'a Secret with values in the manifests; this overlay must only reference secrets by name',
      },
    ]);
    secret[0].metadata.annotations = { 'healthclaims.io/public-development-values': 'true' };
    expect(checkPolicy(objects, { allowDevelopmentSecrets: true })).toEqual([]);
    expect(checkPolicy(objects, production)).toHaveLength(1);
  });
});
