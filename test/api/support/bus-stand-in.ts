import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { BusNamespace } from '#libs/contracts';
import { TEST_NATS_URL } from '#libs/testing';
import { publishStandIn } from '#libs/test-bed';

/**
 * Publishes valid envelopes on a stack's bus as another service would (JetStream acked), for a test
 * that stands in for a service the stack does not run (fraud, the ledger bridge).
 */
export async function publishAs(namespace: string, subject: string, data: unknown): Promise<void> {
  const nc = await connect({ servers: TEST_NATS_URL, name: `stand-in-${namespace}` });
  try {
    await publishStandIn(jetstream(nc), new BusNamespace(namespace), subject, data);
  } finally {
    await nc.close();
  }
}
