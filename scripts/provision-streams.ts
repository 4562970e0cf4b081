/**
 * Creates or updates every JetStream stream of the platform and exits: the provisioning job of a
 * deployment (deploy/k8s), run beside the services' start. Services provision the same streams at start
 * too (idempotent); this job makes a new cluster's streams exist at the right replica count up front.
 * Reads `NATS_URL`, `BUS_NAMESPACE` and `STREAM_REPLICAS`; a bad value names its variable. Exits 1 when the
 * server keeps fewer copies than asked (a standalone server accepts 3 replicas and keeps 1).
 */
import { jetstreamManager } from '@nats-io/jetstream';
import { ConfigError, natsServers, readBusNamespace, readNatsUrl } from '#libs/config';
import { BusNamespace, STREAMS } from '#libs/contracts';
import { connectBus, provisionStreams, readStreamReplicas } from '#libs/messaging';

async function main(): Promise<number> {
  const natsUrl = readNatsUrl(process.env);
  const namespace = new BusNamespace(readBusNamespace(process.env));
  const replicas = readStreamReplicas(process.env);
  const connection = await connectBus(natsUrl, 'provision-streams');
  try {
    await provisionStreams(connection, namespace, replicas);
    const jsm = await jetstreamManager(connection);
    const kept = await Promise.all(
      STREAMS.map(async (stream) => {
        const info = await jsm.streams.info(namespace.stream(stream.name));
        return { name: info.config.name, copies: 1 + (info.cluster?.replicas?.length ?? 0) };
      }),
    );
    const short = kept.filter((stream) => stream.copies < replicas);
    console.log(
      `streams on ${natsServers(natsUrl)
        .map((server) => new URL(server).host)
        .join(',')}: ${kept.map((s) => `${s.name} ×${s.copies}`).join(', ')}`,
    );
    if (short.length) {
      console.error(
        `STREAM_REPLICAS is ${replicas} but ${short.map((s) => s.name).join(', ')} ha${short.length > 1 ? 've' : 's'} fewer copies: is the server a cluster of at least ${replicas} with all nodes up?`,
      );
      return 1;
    }
    return 0;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
