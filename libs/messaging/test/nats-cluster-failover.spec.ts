import { jetstreamManager } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { startPrivateNatsCluster, waitFor, type PrivateNatsCluster } from '#libs/testing';
import { NatsConnectionHolder, provisionStreams } from '#libs/messaging';

/**
 * The bus as production runs it (docs/deploy.md): a 3-node JetStream cluster, streams at 3 replicas,
 * NATS_URL listing every node. Killing the node a process is connected to, or the stream's leader,
 * loses no acknowledged message and the process goes on publishing through another node.
 */
describe('a 3-node NATS cluster', () => {
  let cluster: PrivateNatsCluster;
  let holder: NatsConnectionHolder;

  beforeAll(async () => {
    cluster = await startPrivateNatsCluster(3);
    holder = await NatsConnectionHolder.connect(cluster.url, 'failover-test');
  }, 60_000);

  afterAll(async () => {
    await holder?.close();
    await cluster?.destroy();
  });

  it('keeps every acknowledged message at 3 replicas when a node dies, and takes it back', async () => {
    await provisionStreams(holder.connection, '', 3);
    const jsm = await holder.jetstreamManager();
    const before = await jsm.streams.info('CLAIMS');
    expect(before.config.num_replicas).toBe(3);
    expect(before.cluster?.replicas).toHaveLength(2);

    // As the outbox relay does: a publish without an acknowledgement is sent again with the same
    // Nats-Msg-Id (the stream drops the copy), so an election in progress delays but loses nothing.
    const publish = async (count: number) => {
      for (let n = 0; n < count; n += 1) {
        const h = headers();
        h.set('Nats-Msg-Id', randomUUID());
        const started = Date.now();
        for (;;) {
          try {
            await holder.js.publish('claims.claim.submitted.v1', JSON.stringify({ n }), { headers: h, timeout: 2_000 });
            break;
          } catch (error) {
            if (Date.now() - started > 30_000) throw error;
          }
        }
      }
    };
    await publish(20);

    // Kill the node this process is connected to, and with it perhaps the stream's leader.
    const connectedPort = Number(new URL(`nats://${holder.connection.getServer()}`).port);
    const victim = cluster.nodes.find((node) => node.port === connectedPort) ?? cluster.nodes[0];
    await victim.kill();
    await publish(20);
    expect(Number(new URL(`nats://${holder.connection.getServer()}`).port)).not.toBe(victim.port);

    // The JetStream API answers again once the survivors have elected leaders for what the dead node led
    // (the meta group too): asked without the creation-time check, and until it answers.
    const survivors = await jetstreamManager(holder.connection, { checkAPI: false });
    const messages = () =>
      waitFor(async () => (await survivors.streams.info('CLAIMS')).state.messages, {
        timeoutMs: 30_000,
        intervalMs: 250,
        what: 'the CLAIMS stream info from the surviving nodes',
      });
    expect(await messages()).toBe(40);

    await victim.start();
    await publish(10);
    // The node comes back current: the stream's three copies agree again.
    await waitFor(
      async () => {
        const replicas = (await survivors.streams.info('CLAIMS')).cluster?.replicas ?? [];
        return replicas.length === 2 && replicas.every((replica) => replica.current && !replica.offline);
      },
      { timeoutMs: 30_000, intervalMs: 250, what: 'the restarted node to catch up' },
    );
    expect(await messages()).toBe(50);
  }, 90_000);
});
