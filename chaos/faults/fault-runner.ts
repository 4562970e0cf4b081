import { sleep } from '#libs/testing';
import type { ServiceControl } from '../platform/service-control.js';
import type { Backlog } from '../platform/consumer-backlog.js';
import { describeFault, type Fault, type ServiceName } from '../schedule/fault.js';
import type { PlannedFault } from '../schedule/fault-schedule.js';

/** What the runner needs to break things and to see them heal. */
export interface FaultTargets {
  services: Record<ServiceName, ServiceControl>;
  /** `stop` is a kill -9 (libs/testing PrivateNats). */
  nats: { stop: () => Promise<void>; start: () => Promise<void> };
  postgres: { stopImmediate: () => Promise<void>; start: () => Promise<void> };
  /** What a service's consumers have not finished; undefined when NATS does not say. */
  backlogOf: (service: ServiceName) => Promise<Backlog | undefined>;
}

/** One fault as it happened. */
export interface FaultRecord {
  number: number;
  kind: Fault['kind'];
  /** The service taken down (kill-service, catch-up). */
  service?: ServiceName;
  description: string;
  long: boolean;
  /** When it was due and when it started, from the start of the load. */
  dueAtMs: number;
  startedAtMs: number;
  /** Outages as they lasted: from the kill (or stop) until the thing answered again. */
  outages: { what: string; ms: number }[];
  /** From the start of the fault until all six services were ready again; null if they were not in time. */
  recoveredAfterMs: number | null;
  /** Catch-up: what the restarted service had not finished when PostgreSQL went down. */
  backlogAtPostgresStop?: Backlog;
  notes: string[];
}

/** How often the catch-up looks at the restarted service's consumers. */
const BACKLOG_POLL_MS = 20;
/** How long a service may take to come back before the runner notes it and moves on. */
const RECOVERY_TIMEOUT_MS = 120_000;

/**
 * Runs the planned faults in order, each when it is due (or as soon as the previous one has healed,
 * noted as late). `underWay()` names the fault in progress, for labelling what clients saw meanwhile.
 */
export class FaultRunner {
  private current: string | undefined;
  readonly records: FaultRecord[] = [];

  constructor(
    private readonly targets: FaultTargets,
    private readonly say: (line: string) => void,
  ) {}

  underWay(): string | undefined {
    return this.current;
  }

  async run(plan: PlannedFault[], loadStartedAt: number, signal: AbortSignal): Promise<void> {
    for (const planned of plan) {
      const wait = loadStartedAt + planned.atMs - Date.now();
      if (wait > 0) await sleep(wait);
      if (signal.aborted) return;
      const description = describeFault(planned.fault);
      this.current = `#${planned.number} ${description}`;
      const started = Date.now();
      const record: FaultRecord = {
        number: planned.number,
        kind: planned.fault.kind,
        ...('service' in planned.fault ? { service: planned.fault.service } : {}),
        description,
        long: planned.long,
        dueAtMs: planned.atMs,
        startedAtMs: started - loadStartedAt,
        outages: [],
        recoveredAfterMs: null,
        notes: [],
      };
      this.say(`fault #${planned.number} at ${(record.startedAtMs / 1000).toFixed(1)} s: ${description}`);
      try {
        await this.inflict(planned.fault, record);
        record.recoveredAfterMs = (await this.allReady(record)) ? Date.now() - started : null;
      } catch (error) {
        record.notes.push(`the fault itself failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        this.current = undefined;
      }
      this.records.push(record);
      const healed =
        record.recoveredAfterMs === null
          ? 'not healed in time'
          : `healed in ${(record.recoveredAfterMs / 1000).toFixed(1)} s`;
      this.say(
        `fault #${planned.number}: ${record.outages.map((o) => `${o.what} out ${(o.ms / 1000).toFixed(1)} s`).join(', ')}; ${healed}`,
      );
    }
  }

  private async inflict(fault: Fault, record: FaultRecord): Promise<void> {
    switch (fault.kind) {
      case 'kill-service':
        return this.serviceOutage(fault.service, fault.downMs, record);
      case 'kill-nats':
        return this.outage('NATS', record, this.targets.nats.stop, this.targets.nats.start, fault.downMs);
      case 'stop-postgres':
        return this.outage(
          'PostgreSQL',
          record,
          this.targets.postgres.stopImmediate,
          this.targets.postgres.start,
          fault.downMs,
        );
      case 'catch-up':
        return this.catchUp(fault.service, fault.serviceDownMs, fault.postgresDownMs, record);
    }
  }

  /**
   * The service down while claims arrive; then, the moment its consumers take up the backlog, PostgreSQL
   * down while they work it off. A backlog of a few dozen messages is one batch of a few milliseconds
   * once the service runs, so waiting for its readiness would find it done: the runner watches the
   * consumers from the restart on instead, and stops the database at their first fetch.
   */
  private async catchUp(name: ServiceName, serviceDownMs: number, postgresDownMs: number, record: FaultRecord) {
    const service = this.targets.services[name];
    const started = Date.now();
    await service.crash(serviceDownMs);
    let ready = false;
    const readiness = service.waitReady(serviceDownMs + RECOVERY_TIMEOUT_MS).then(() => (ready = true));
    record.backlogAtPostgresStop = await this.backlogTakenUp(name, () => ready);
    record.outages.push({ what: name, ms: Date.now() - started });
    await this.outage(
      'PostgreSQL',
      record,
      this.targets.postgres.stopImmediate,
      this.targets.postgres.start,
      postgresDownMs,
    );
    await readiness.catch(() => record.notes.push(`${name} was not ready after the catch-up`));
  }

  /** Polls the service's consumers until one fetches (or, with nothing to fetch, until it is ready). */
  private async backlogTakenUp(name: ServiceName, isReady: () => boolean): Promise<Backlog | undefined> {
    // Messages a killed process held stay "in hand" until their ack wait ends: only a change counts.
    let previous = await this.targets.backlogOf(name);
    const deadline = Date.now() + RECOVERY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      await sleep(BACKLOG_POLL_MS);
      const now = await this.targets.backlogOf(name);
      if (now && previous && (now.inHand > previous.inHand || now.waiting < previous.waiting)) return now;
      if (now) previous = now;
      if (isReady()) return previous;
    }
    return previous;
  }

  private async serviceOutage(name: ServiceName, holdDownMs: number, record: FaultRecord): Promise<void> {
    const service = this.targets.services[name];
    const started = Date.now();
    await service.crash(holdDownMs);
    try {
      await service.waitReady(holdDownMs + RECOVERY_TIMEOUT_MS);
      record.outages.push({ what: name, ms: Date.now() - started });
    } catch {
      record.notes.push(
        `${name} was not ready ${Math.round((holdDownMs + RECOVERY_TIMEOUT_MS) / 1000)} s after its kill`,
      );
    }
  }

  private async outage(
    what: string,
    record: FaultRecord,
    stop: () => Promise<void>,
    start: () => Promise<void>,
    downMs: number,
  ): Promise<void> {
    const started = Date.now();
    await stop();
    await sleep(downMs);
    await start();
    record.outages.push({ what, ms: Date.now() - started });
  }

  private async allReady(record: FaultRecord): Promise<boolean> {
    const services = Object.values(this.targets.services);
    const results = await Promise.allSettled(services.map((service) => service.waitReady(RECOVERY_TIMEOUT_MS)));
    const late = services.filter((_, index) => results[index].status === 'rejected').map((service) => service.name);
    if (late.length) record.notes.push(`not ready ${RECOVERY_TIMEOUT_MS / 1000} s after the fault: ${late.join(', ')}`);
    return late.length === 0;
  }
}
