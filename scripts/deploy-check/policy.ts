import { selects, isEmptySelector } from './label-selector.js';
import { at, describe, isRecord, records, type Finding, type K8sObject } from './manifest.js';
import { containersOf, podTemplates, type ContainerOf, type PodTemplate } from './workloads.js';

/** The mark a generated Secret carries when it holds the repository's public development values only. */
export const PUBLIC_DEVELOPMENT_VALUES = 'healthclaims.io/public-development-values';

export interface PolicyOptions {
  /** Whether Secrets marked as public development values may appear (dev yes, production never). */
  allowDevelopmentSecrets: boolean;
}

/**
 * The deployment rules of docs/deploy.md that a schema cannot express: probes, limits, a locked-down
 * security context and pinned images on every container; every pod under a default-deny NetworkPolicy
 * and an allow policy of its own; no secret values in the manifests; no service-account tokens mounted.
 */
export function checkPolicy(objects: K8sObject[], options: PolicyOptions): Finding[] {
  const pods = podTemplates(objects);
  return [
    ...pods.flatMap(checkPod),
    ...pods.flatMap(containersOf).flatMap(checkContainer),
    ...checkNetworkPolicies(objects, pods),
    ...checkSecrets(objects, options),
    ...checkServiceAccounts(objects),
  ];
}

function checkPod(pod: PodTemplate): Finding[] {
  const problems: string[] = [];
  if (at(pod.spec, 'securityContext.seccompProfile.type') !== 'RuntimeDefault') {
    problems.push('pod securityContext.seccompProfile.type is not RuntimeDefault');
  }
  if (pod.spec.automountServiceAccountToken !== false) {
    problems.push('automountServiceAccountToken is not false (no pod here talks to the Kubernetes API)');
  }
  return problems.map((problem) => ({ subject: pod.owner, problem }));
}

function checkContainer({ pod, container, init, name }: ContainerOf): Finding[] {
  const problems: string[] = [];
  if (pod.longRunning && !init) {
    if (!isRecord(container.livenessProbe)) problems.push('no livenessProbe');
    if (!isRecord(container.readinessProbe)) problems.push('no readinessProbe');
  }
  const limits = at(container, 'resources.limits');
  const missingLimits = ['cpu', 'memory'].filter((resource) => !isRecord(limits) || limits[resource] === undefined);
  if (missingLimits.length) problems.push(`no resource limits (${missingLimits.join(', ')})`);
  const requests = at(container, 'resources.requests');
  const missingRequests = ['cpu', 'memory'].filter(
    (resource) => !isRecord(requests) || requests[resource] === undefined,
  );
  if (missingRequests.length) problems.push(`no resource requests (${missingRequests.join(', ')})`);
  const runAsNonRoot = at(container, 'securityContext.runAsNonRoot') ?? at(pod.spec, 'securityContext.runAsNonRoot');
  if (runAsNonRoot !== true) problems.push('runAsNonRoot is not true (container or pod securityContext)');
  const runAsUser = at(container, 'securityContext.runAsUser') ?? at(pod.spec, 'securityContext.runAsUser');
  if (runAsUser === 0) problems.push('runAsUser is 0 (root)');
  if (at(container, 'securityContext.allowPrivilegeEscalation') !== false) {
    problems.push('securityContext.allowPrivilegeEscalation is not false');
  }
  if (at(container, 'securityContext.readOnlyRootFilesystem') !== true) {
    problems.push('securityContext.readOnlyRootFilesystem is not true');
  }
  const dropped = at(container, 'securityContext.capabilities.drop');
  if (!Array.isArray(dropped) || !dropped.includes('ALL')) problems.push('securityContext.capabilities.drop lacks ALL');
  const imageProblem = checkImage(container.image);
  if (imageProblem) problems.push(imageProblem);
  const keysProblem = checkPhiMasterKeys(container);
  if (keysProblem) problems.push(keysProblem);
  const kind = init ? 'init container' : 'container';
  return problems.map((problem) => ({ subject: pod.owner, problem: `${kind} ${name}: ${problem}` }));
}

/**
 * A container running one of the platform's services (it sets `SERVICE`) seals personal data with libs/phi,
 * which will not start in production without `PHI_MASTER_KEYS`, and those keys belong in a Secret.
 */
export function checkPhiMasterKeys(container: Record<string, unknown>): string | undefined {
  const env = Array.isArray(container.env) ? container.env.filter(isRecord) : [];
  if (!env.some((variable) => variable.name === 'SERVICE')) return undefined;
  const keys = env.find((variable) => variable.name === 'PHI_MASTER_KEYS');
  if (!keys) return 'runs a service (SERVICE is set) without PHI_MASTER_KEYS: libs/phi refuses to start in production';
  if (!isRecord(at(keys, 'valueFrom.secretKeyRef'))) return 'PHI_MASTER_KEYS is not taken from a Secret (secretKeyRef)';
  return undefined;
}

/** An image must name a version: a tag other than `latest`, or a digest. */
export function checkImage(image: unknown): string | undefined {
  if (typeof image !== 'string' || !image) return 'no image';
  if (image.includes('@sha256:')) return undefined;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  if (colon < 0) return `image ${image} has no tag (it would pull latest)`;
  if (lastSegment.slice(colon + 1) === 'latest') return `image ${image} uses the latest tag`;
  return undefined;
}

function checkNetworkPolicies(objects: K8sObject[], pods: PodTemplate[]): Finding[] {
  const policies = objects.filter((object) => object.kind === 'NetworkPolicy');
  const findings: Finding[] = [];
  const namespaces = new Set(pods.map((pod) => pod.namespace ?? ''));
  for (const namespace of namespaces) {
    const inNamespace = policies.filter((policy) => (policy.metadata.namespace ?? '') === namespace);
    if (!inNamespace.some(isDefaultDeny)) {
      findings.push({
        subject: `namespace ${namespace || '(none)'}`,
        problem: 'no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress, no rules)',
      });
    }
  }
  for (const pod of pods) {
    const allowing = policies.filter(
      (policy) =>
        (policy.metadata.namespace ?? '') === (pod.namespace ?? '') &&
        !isEmptySelector(at(policy, 'spec.podSelector')) &&
        selects(at(policy, 'spec.podSelector'), pod.labels),
    );
    if (!allowing.length) {
      findings.push({
        subject: pod.owner,
        problem: `no NetworkPolicy selects its pods by label (labels: ${JSON.stringify(pod.labels)})`,
      });
    }
  }
  return findings;
}

function isDefaultDeny(policy: K8sObject): boolean {
  const types = at(policy, 'spec.policyTypes');
  return (
    isEmptySelector(at(policy, 'spec.podSelector')) &&
    Array.isArray(types) &&
    types.includes('Ingress') &&
    types.includes('Egress') &&
    records(at(policy, 'spec.ingress')).length === 0 &&
    records(at(policy, 'spec.egress')).length === 0
  );
}

function checkSecrets(objects: K8sObject[], options: PolicyOptions): Finding[] {
  return objects
    .filter((object) => object.kind === 'Secret')
    .filter(
      (secret) =>
        !options.allowDevelopmentSecrets || secret.metadata.annotations?.[PUBLIC_DEVELOPMENT_VALUES] !== 'true',
    )
    .map((secret) => ({
      subject: describe(secret),
      problem: options.allowDevelopmentSecrets
        ? `a Secret with values in the manifests; reference it by name instead (or mark public development values with ${PUBLIC_DEVELOPMENT_VALUES})`
        : 'a Secret with values in the manifests; this overlay must only reference secrets by name',
    }));
}

function checkServiceAccounts(objects: K8sObject[]): Finding[] {
  return objects
    .filter((object) => object.kind === 'ServiceAccount' && object.automountServiceAccountToken !== false)
    .map((account) => ({ subject: describe(account), problem: 'automountServiceAccountToken is not false' }));
}
