import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { natsServers } from '#libs/config';
import { OPS_AUTHORIZATION, sleep, waitFor } from '#libs/testing';
import { STREAMS } from '#libs/contracts';
import type { ServiceName } from '../schedule/fault.js';
import { describeScaleFault, type ScaleFault } from './scale-faults.js';
import type { ScalePlatform, ServiceInstance } from './scale-platform.js';

/** One fault as it happened. */
export interface ScaleFaultRecord {
  description: string;
  /** The NATS node or the instance killed, e.g. `hc-node-1`, `ledger-bridge#2`. */
  target: string;
  /** When it was due and when it started, from the start of the load. */
  dueAtMs: number;
  startedAtMs: number;
  /**
   * From the kill until it was whole again: a node back with every stream's copies current, an instance
   * ready. null when that did not happen in time.
   */
  backAfterMs: number | null;
  notes: string[];
}

const RECOVERY_TIMEOUT_MS = 180_000;

/** Runs the scale check's faults on their clock while the claims arrive. */
export class ScaleFaultRunner {
  readonly records: ScaleFaultRecord[] = [];
  private readonly current = new Set<string>();
  /** Whether the ledger-bridge instance killed was the chain leader (the takeover under load). */
  private leaderKilled = false;

  private constructor(
    private readonly platform: ScalePlatform,
    private readonly connection: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly say: (line: string) => void,
  ) {}

  static async open(platform: ScalePlatform, say: (line: string) => void): Promise<ScaleFaultRunner> {
    const connection = await connect({
      servers: natsServers(platform.cluster.url),
      name: 'scale-fault-runner',
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    });
    return new ScaleFaultRunner(platform, connection, await jetstreamManager(connection), say);
  }

  /** What is broken right now, for labelling what clients saw meanwhile. */
  underWay(): string | undefined {
    return this.current.size ? [...this.current].join(' + ') : undefined;
  }

  /**
   * Each fault on its own clock: a kill is due at its time whether or not the one before has healed
   * (a node down for 30 s does not hold back the instance kills behind it).
   */
  async run(plan: ScaleFault[], loadStartedAt: number, signal: AbortSignal): Promise<void> {
    await Promise.all(plan.map((fault, index) => this.runOne(fault, index, loadStartedAt, signal)));
  }

  private async runOne(fault: ScaleFault, index: number, loadStartedAt: number, signal: AbortSignal): Promise<void> {
    const wait = loadStartedAt + fault.atMs - Date.now();
    if (wait > 0) await sleep(wait);
    if (signal.aborted) return;
    const startedAtMs = Date.now() - loadStartedAt;
    const record =
      fault.kind === 'kill-nats-node'
        ? await this.killNatsNode(fault.downMs, fault.atMs, startedAtMs)
        : await this.killInstance(await this.victimOf(fault.service, index), fault.atMs, startedAtMs);
    if (fault.kind === 'kill-instance' && fault.service === 'ledger-bridge') {
      record.notes.push(this.leaderKilled ? 'it was the chain leader' : 'no instance said it led the chain');
    }
    record.description = describeScaleFault(fault);
    this.records.push(record);
    this.say(
      `fault: ${record.description} (${record.target}) at ${(startedAtMs / 1000).toFixed(1)} s; ` +
        (record.backAfterMs === null
          ? 'NOT back in time'
          : `whole again after ${(record.backAfterMs / 1000).toFixed(1)} s`),
    );
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  /** Kills the node leading the CLAIMS stream (the busiest), holds it down, starts it on its store. */
  private async killNatsNode(downMs: number, dueAtMs: number, startedAtMs: number): Promise<ScaleFaultRecord> {
    const leader = (await this.jsm.streams.info('CLAIMS')).cluster?.leader;
    const node =
      this.platform.cluster.nodes.find((candidate) => candidate.name === leader) ?? this.platform.cluster.nodes[0];
    const record = this.record(node.name, dueAtMs, startedAtMs);
    const label = `NATS node ${node.name} killed`;
    this.current.add(label);
    const killedAt = Date.now();
    await node.kill();
    await sleep(downMs);
    await node.start();
    const caughtUp = await waitFor(() => this.streamsCurrent(), {
      timeoutMs: RECOVERY_TIMEOUT_MS,
      intervalMs: 250,
      what: `every stream's copies to be current after ${node.name} came back`,
    }).then(
      () => true,
      (error: unknown) => {
        record.notes.push(String(error));
        return false;
      },
    );
    record.backAfterMs = caughtUp ? Date.now() - killedAt : null;
    this.current.delete(label);
    return record;
  }

  private async killInstance(
    instance: ServiceInstance,
    dueAtMs: number,
    startedAtMs: number,
  ): Promise<ScaleFaultRecord> {
    const record = this.record(instance.name, dueAtMs, startedAtMs);
    const label = `${instance.name} killed`;
    this.current.add(label);
    const killedAt = Date.now();
    await instance.control.crash();
    try {
      await instance.control.waitReady(RECOVERY_TIMEOUT_MS);
      record.backAfterMs = Date.now() - killedAt;
    } catch (error) {
      record.notes.push(String(error));
    }
    this.current.delete(label);
    return record;
  }

  /**
   * The ledger bridge's chain leader (the instance whose `ledger_signer_leader` is 1), so the takeover
   * is what gets tested; for the other services the instances take turns.
   */
  private async victimOf(service: ServiceName, index: number): Promise<ServiceInstance> {
    const instances = this.platform.instances.filter((instance) => instance.service === service);
    if (service === 'ledger-bridge') {
      for (const instance of instances) {
        if (await isChainLeader(instance)) {
          this.leaderKilled = true;
          return instance;
        }
      }
    }
    return instances[index % instances.length];
  }

  private async streamsCurrent(): Promise<boolean> {
    for (const stream of STREAMS) {
      const replicas = (await this.jsm.streams.info(stream.name).catch(() => undefined))?.cluster?.replicas;
      if (!replicas || replicas.length < this.platform.cluster.nodes.length - 1) return false;
      if (!replicas.every((replica) => replica.current && !replica.offline)) return false;
    }
    return true;
  }

  private record(target: string, dueAtMs: number, startedAtMs: number): ScaleFaultRecord {
    return { description: '', target, dueAtMs, startedAtMs, backAfterMs: null, notes: [] };
  }
}

async function isChainLeader(instance: ServiceInstance): Promise<boolean> {
  const response = await fetch(`${instance.url}/metrics`, {
    headers: OPS_AUTHORIZATION,
    signal: AbortSignal.timeout(5_000),
  }).catch(() => undefined);
  const text = response?.ok ? await response.text() : '';
  return /^ledger_signer_leader 1$/m.test(text);
}
