import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './isolation.js';
import { natsServerProcess, type NatsServerProcess } from './nats-server-process.js';
import { waitFor } from './wait.js';

/** One server of a private cluster: its client port and the crash and restart of its process. */
export interface ClusterNode extends NatsServerProcess {
  name: string;
  port: number;
  url: string;
}

/**
 * A JetStream cluster of a test's own (the installed nats-server, one process per node on free ports,
 * each routed to the others), for checks that kill a bus node: `url` lists every node, as a service's
 * `NATS_URL` does in production.
 */
export interface PrivateNatsCluster {
  nodes: ClusterNode[];
  /** Every node's client URL, comma-separated. */
  url: string;
  /** The nodes' JetStream stores. */
  dir: string;
  /** Kills every node and removes the stores. */
  destroy: () => Promise<void>;
}

/** Starts `size` nodes and waits until JetStream can place a stream on all of them. */
export async function startPrivateNatsCluster(size = 3): Promise<PrivateNatsCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'hc-nats-cluster-'));
  const clientPorts: number[] = [];
  const routePorts: number[] = [];
  for (let n = 0; n < size; n += 1) {
    clientPorts.push(await freePort());
    routePorts.push(await freePort());
  }
  const routes = routePorts.map((port) => `nats://127.0.0.1:${port}`).join(',');
  const nodes: ClusterNode[] = clientPorts.map((port, n) => {
    const name = `hc-node-${n}`;
    const args = [
      '-js',
      '-sd',
      join(dir, name),
      '--name',
      name,
      '--cluster_name',
      'hc-private',
      '--cluster',
      `nats://127.0.0.1:${routePorts[n]}`,
      '--routes',
      routes,
    ];
    return { name, port, url: `nats://127.0.0.1:${port}`, ...natsServerProcess(port, args) };
  });
  const destroy = async () => {
    await Promise.all(nodes.map((node) => node.kill()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all(nodes.map((node) => node.start()));
    await waitForPlacement(
      nodes.map((node) => node.url),
      size,
    );
  } catch (error) {
    await destroy();
    throw error;
  }
  return { nodes, url: nodes.map((node) => node.url).join(','), dir, destroy };
}

/**
 * A fresh cluster elects its JetStream meta leader a few seconds after the routes connect, and learns its
 * peers a little later: ready when a stream at `replicas` copies can be placed (one is made and removed).
 */
async function waitForPlacement(servers: string[], replicas: number): Promise<void> {
  const connection = await connect({ servers, name: 'cluster-probe' });
  try {
    // Not checked at creation: until the election the API does not answer, which is what is awaited here.
    const jsm = await jetstreamManager(connection, { checkAPI: false });
    const probe = `PLACEMENT_PROBE_${process.pid}`;
    await waitFor(
      async () => {
        try {
          await jsm.streams.add({ name: probe, subjects: [`placement-probe.${process.pid}`], num_replicas: replicas });
          await jsm.streams.delete(probe);
          return true;
        } catch {
          return false;
        }
      },
      { timeoutMs: 30_000, intervalMs: 250, what: `the NATS cluster to place a stream at ${replicas} replicas` },
    );
  } finally {
    await connection.close();
  }
}
