import { STACK_SERVICES, type StackServiceName } from '../../scripts/stack/stack-config.js';

export type ServiceName = StackServiceName;
export const SERVICES: readonly ServiceName[] = STACK_SERVICES;

/** The services the catch-up scenario takes down in turn: each works off a backlog of its own after it. */
export const CATCH_UP_ROTATION: readonly ServiceName[] = ['billing', 'ledger-bridge', 'claims'];

/**
 * One fault of the campaign. A service killed with `downMs` 0 is restarted by its supervisor at once;
 * with `downMs` > 0 it is held down that long (a long outage). NATS and PostgreSQL come back after
 * `downMs` on the same data (store dir, data dir).
 */
export type Fault =
  | { kind: 'kill-service'; service: ServiceName; downMs: number }
  | { kind: 'kill-nats'; downMs: number }
  | { kind: 'stop-postgres'; downMs: number }
  /**
   * The catch-up scenario of issue 11: `service` down `serviceDownMs` while claims arrive, restarted,
   * then PostgreSQL down `postgresDownMs` while the service works off its backlog.
   */
  | { kind: 'catch-up'; service: ServiceName; serviceDownMs: number; postgresDownMs: number };

export type FaultKind = Fault['kind'];
export const FAULT_KINDS: readonly FaultKind[] = ['kill-service', 'kill-nats', 'stop-postgres', 'catch-up'];

/**
 * Time a fault is given to heal before the next one is due: its outage plus the restart and the
 * first minutes of recovery on a busy 2-core machine (a service restart takes seconds, PostgreSQL's
 * crash recovery a few, reconnects up to the clients' reconnect wait).
 */
export function footprintMs(fault: Fault): number {
  switch (fault.kind) {
    case 'kill-service':
      return fault.downMs + 10_000;
    case 'kill-nats':
      return fault.downMs + 6_000;
    case 'stop-postgres':
      return fault.downMs + 8_000;
    case 'catch-up':
      return fault.serviceDownMs + 10_000 + fault.postgresDownMs + 10_000;
  }
}

/** One line for the report and the progress log, e.g. "kill -9 billing, held down 25.0 s". */
export function describeFault(fault: Fault): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  switch (fault.kind) {
    case 'kill-service':
      return fault.downMs > 0
        ? `kill -9 ${fault.service}, held down ${seconds(fault.downMs)}`
        : `kill -9 ${fault.service}, restarted by its supervisor`;
    case 'kill-nats':
      return `kill -9 NATS, restarted after ${seconds(fault.downMs)}`;
    case 'stop-postgres':
      return `PostgreSQL stopped (immediate), started after ${seconds(fault.downMs)}`;
    case 'catch-up':
      return `catch-up: ${fault.service} down ${seconds(fault.serviceDownMs)} with claims arriving, then PostgreSQL down ${seconds(fault.postgresDownMs)} during its backlog`;
  }
}
