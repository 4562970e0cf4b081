import { OUTBOX_ENVELOPE_TEXT, openOutboxEnvelope } from '#libs/messaging';
import { createDataSource } from '#libs/persistence';
import { LocalKeyManagement, PhiCipher, PhiKeyring, readPhiConfig } from '#libs/phi';

/** One outbox row of a service, its envelope opened: the claim it is about and its two times. */
export interface OutboxEvent {
  claimId: string | undefined;
  createdAt: Date;
  publishedAt: Date | null;
}

/**
 * The events on `subject` (bare, e.g. `claims.claim.submitted.v1`) in a service's outbox after a run.
 * Envelopes rest sealed (libs/phi), so they are opened here, under the master keys the services were
 * started with (this process's `PHI_MASTER_KEYS`, or the development key), not looked into by SQL.
 * `claimIdOf` finds the claim in the event's data (`data.claimId` unless told).
 */
export async function outboxEvents(
  databaseUrl: string,
  subject: string,
  claimIdOf: (data: Record<string, unknown>) => unknown = (data) => data.claimId,
): Promise<OutboxEvent[]> {
  const dataSource = await createDataSource({ url: databaseUrl, entities: [], migrations: [] }).initialize();
  try {
    const { masterKeys, activeMasterKeyId } = readPhiConfig();
    const cipher = new PhiCipher(
      await PhiKeyring.open(dataSource, new LocalKeyManagement(masterKeys, activeMasterKeyId)),
    );
    const rows = await dataSource.query<{ id: string; stored: string; created_at: Date; published_at: Date | null }[]>(
      `SELECT id, ${OUTBOX_ENVELOPE_TEXT} AS stored, created_at, published_at FROM outbox WHERE subject LIKE '%' || $1`,
      [subject],
    );
    return Promise.all(
      rows.map(async (row) => {
        const envelope = JSON.parse(await openOutboxEnvelope(cipher, row.id, row.stored)) as {
          data: Record<string, unknown>;
        };
        const claimId = claimIdOf(envelope.data);
        return {
          claimId: typeof claimId === 'string' ? claimId : undefined,
          createdAt: row.created_at,
          publishedAt: row.published_at,
        };
      }),
    );
  } finally {
    await dataSource.destroy();
  }
}
