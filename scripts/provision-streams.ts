/**
 * Creates or updates every JetStream stream of the platform and exits: the provisioning job of a
 * deployment (deploy/k8s), run before the services start. Services provision the same streams at start
 * too (idempotent); this job makes a new cluster's streams exist at the right replica count up front.
 * Reads `NATS_URL`, `BUS_NAMESPACE` and `STREAM_REPLICAS`; a bad value names its variable.
 */
import { ConfigError, readBusNamespace, readUrl } from '#libs/config';
import { provisionStreams, readStreamReplicas } from '#libs/messaging';
import { STREAMS } from '#libs/contracts';

async function main(): Promise<void> {
  const natsUrl = readUrl(process.env, 'NATS_URL', 'nats://127.0.0.1:4222', ['nats:', 'tls:']);
  const namespace = readBusNamespace(process.env);
  const replicas = readStreamReplicas(process.env);
  await provisionStreams(natsUrl, namespace, replicas);
  const names = STREAMS.map((stream) => stream.name).join(', ');
  console.log(`provisioned ${STREAMS.length} streams (${names}) at ${replicas} replica(s) on ${new URL(natsUrl).host}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
