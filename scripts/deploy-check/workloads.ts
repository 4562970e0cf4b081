import { at, describe, isRecord, records, type K8sObject } from './manifest.js';

const POD_TEMPLATE_PATHS: Record<string, string> = {
  Deployment: 'spec.template',
  StatefulSet: 'spec.template',
  DaemonSet: 'spec.template',
  ReplicaSet: 'spec.template',
  Job: 'spec.template',
  CronJob: 'spec.jobTemplate.spec.template',
  Pod: '',
};

/** A pod as a workload declares it: where it came from, whether it runs for good, its spec and labels. */
export interface PodTemplate {
  owner: string;
  namespace: string | undefined;
  /** Deployments, StatefulSets and DaemonSets serve; Jobs and CronJobs run to completion. */
  longRunning: boolean;
  labels: Record<string, string>;
  spec: Record<string, unknown>;
}

export interface ContainerOf {
  pod: PodTemplate;
  container: Record<string, unknown>;
  /** Init containers run to completion before the others: no probes expected. */
  init: boolean;
  name: string;
}

export function podTemplates(objects: K8sObject[]): PodTemplate[] {
  const pods: PodTemplate[] = [];
  for (const object of objects) {
    const path = POD_TEMPLATE_PATHS[object.kind];
    if (path === undefined) continue;
    const template = path ? at(object, path) : object;
    const spec = at(template, 'spec');
    if (!isRecord(spec)) continue;
    const labels = at(template, 'metadata.labels');
    pods.push({
      owner: describe(object),
      namespace: object.metadata.namespace,
      longRunning: !['Job', 'CronJob', 'Pod'].includes(object.kind),
      labels: isRecord(labels) ? (labels as Record<string, string>) : {},
      spec,
    });
  }
  return pods;
}

export function containersOf(pod: PodTemplate): ContainerOf[] {
  const named = (container: Record<string, unknown>) =>
    typeof container.name === 'string' ? container.name : '(unnamed)';
  return [
    ...records(pod.spec.initContainers).map((container) => ({ pod, container, init: true, name: named(container) })),
    ...records(pod.spec.containers).map((container) => ({ pod, container, init: false, name: named(container) })),
  ];
}
