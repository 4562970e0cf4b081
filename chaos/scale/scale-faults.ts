import type { ServiceName } from '../schedule/fault.js';

/** One fault of the scale check: a NATS node or one instance of a service, killed with SIGKILL. */
export type ScaleFault =
  | { kind: 'kill-nats-node'; atMs: number; downMs: number }
  | { kind: 'kill-instance'; atMs: number; service: ServiceName };

/** The order the instances die in; the gateway last, so claims keep arriving through the other one. */
const KILL_ORDER: readonly ServiceName[] = ['claims', 'ledger-bridge', 'billing', 'fraud', 'underwriting', 'gateway'];

/**
 * The faults over a load of `loadMs`: at a fifth of it the node leading the busiest stream dies and
 * stays down for up to 30 s (a Kubernetes StatefulSet would bring it back on its volume); then, from 35 %
 * to 85 % of the load, one instance of every service is killed in turn and restarted at once by its
 * supervisor (as a Deployment restarts a pod). Every fault falls inside the load, so claims are arriving
 * when each one hits.
 */
export function planScaleFaults(loadMs: number): ScaleFault[] {
  const faults: ScaleFault[] = [
    { kind: 'kill-nats-node', atMs: Math.round(loadMs * 0.2), downMs: Math.min(30_000, Math.round(loadMs * 0.1)) },
  ];
  const first = loadMs * 0.35;
  const step = (loadMs * 0.5) / (KILL_ORDER.length - 1);
  KILL_ORDER.forEach((service, index) => {
    faults.push({ kind: 'kill-instance', atMs: Math.round(first + index * step), service });
  });
  return faults;
}

export function describeScaleFault(fault: ScaleFault): string {
  return fault.kind === 'kill-nats-node'
    ? `kill -9 the NATS node leading the CLAIMS stream, down ${Math.round(fault.downMs / 1000)} s`
    : `kill -9 one ${fault.service} instance`;
}
