import { connect } from '@nats-io/transport-node';
import { natsServers } from '#libs/config';
import { DeadLetterStore } from '#libs/messaging';
import type { DeadLetterObservation } from './observations.js';

/**
 * Every dead letter of the namespace, through the same store `npm run dead-letters` and the admin
 * endpoints use, each with the claim its envelope was about.
 */
export async function readDeadLetters(natsUrl: string, namespace = ''): Promise<DeadLetterObservation[]> {
  const connection = await connect({
    servers: natsServers(natsUrl),
    name: 'chaos-dead-letters',
    maxReconnectAttempts: 5,
  });
  try {
    const store = new DeadLetterStore(connection, namespace);
    const letters: DeadLetterObservation[] = [];
    let after: number | undefined;
    do {
      const page = await store.list({ limit: 500, ...(after === undefined ? {} : { after }) });
      for (const entry of page.items) {
        const detail = await store.show(entry.id);
        letters.push({
          id: entry.id,
          subject: entry.subject,
          consumer: entry.consumer,
          reason: entry.reason,
          error: entry.error,
          deliveryCount: entry.deliveryCount,
          at: entry.deadLetteredAt,
          ...claimOf(detail?.payload),
        });
      }
      after = page.nextAfter ?? undefined;
    } while (after !== undefined);
    return letters;
  } finally {
    await connection.close();
  }
}

/** data.claimId of the envelope a dead letter carries, when it has one. */
function claimOf(payload: unknown): { claimId?: string } {
  const data = (payload as { data?: { claimId?: unknown } } | null | undefined)?.data;
  return typeof data?.claimId === 'string' ? { claimId: data.claimId } : {};
}
