import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Envelope } from '#libs/contracts';
import {
  batchHandler,
  HandleEventBatch,
  MessagingModule,
  messagingMigrations,
  OUTBOX_PHI_COLUMN,
  startMessaging,
  type BatchHandlerContext,
  type BatchItem,
  type Messaging,
} from '#libs/messaging';
import { phiMigrations, PhiModule, readPhiConfig } from '#libs/phi';
import { PersistenceModule } from '#libs/persistence';
import { waitFor } from '#libs/testing';
import type { EntityManager } from 'typeorm';
import { openMessagingTestBed, type MessagingTestBed } from './support/messaging-test-bed.js';
import { aProbeEnvelope, CreateProbeEffects1800000000000, PROBE_SUBJECT, type Probe } from './support/probe.js';

/** The effects of a whole batch in one multi-row statement, as a set-based handler writes them. */
async function recordProbeEffects(manager: EntityManager, events: Envelope<Probe>[]): Promise<void> {
  await manager.query(`INSERT INTO probe_effects (message_id, n) SELECT * FROM unnest($1::uuid[], $2::int[])`, [
    events.map((event) => event.id),
    events.map((event) => event.data.n),
  ]);
}

describe('a batch handler', () => {
  let bed: MessagingTestBed;
  let messaging: Messaging | undefined;

  beforeEach(async () => {
    bed = await openMessagingTestBed('batch');
  });
  afterEach(async () => {
    await messaging?.stop();
    messaging = undefined;
    await bed.close();
  });

  async function publish(envelope: Envelope<Probe>, msgID = envelope.id): Promise<number> {
    const ack = await bed.js.publish(bed.namespace.subject(PROBE_SUBJECT), JSON.stringify(envelope), { msgID });
    return ack.seq;
  }

  /** Starts a consumer whose batch handler refuses any batch holding a negative probe. */
  function start(service: string) {
    const batches: string[][] = [];
    const started = startMessaging({
      service,
      natsUrl: bed.natsUrl,
      namespace: bed.namespace,
      dataSource: bed.dataSource,
      cipher: bed.cipher,
      consumerDefaults: { maxDeliver: 2, backoff: { initialMs: 50, factor: 2, maxMs: 100 } },
      handlers: [
        batchHandler<Probe>({
          subject: PROBE_SUBJECT,
          handleBatch: async (items, { manager }) => {
            batches.push(items.map((item) => item.event.id));
            if (items.some((item) => item.event.data.n < 0)) throw new Error('a poison probe');
            await recordProbeEffects(
              manager,
              items.map((item) => item.event),
            );
          },
        }),
      ],
      logger: { warn: () => undefined, error: () => undefined },
    });
    return { started, batches };
  }

  it('gets the fresh deliveries of a transaction in one call, without the duplicates the inbox skips', async () => {
    const envelopes = Array.from({ length: 12 }, (_, n) => aProbeEnvelope(n));
    for (const envelope of envelopes) await publish(envelope);
    // A second publish of the first event (another message id): the inbox knows it.
    const last = await publish(envelopes[0], `${envelopes[0].id}-again`);
    const { started, batches } = start('batching');
    messaging = await started;

    await bed.consumerSettled('batching', last);
    for (const envelope of envelopes) expect(await bed.effects(envelope.id)).toBe(1);
    expect(batches.flat().sort()).toEqual(envelopes.map((envelope) => envelope.id).sort());
    // Waiting messages were handled together: fewer calls than messages.
    expect(batches.length).toBeLessThan(envelopes.length);
    expect(messaging.consumers[0].stats.duplicates).toBe(1);
  });

  it('after a failed batch, handles each message alone, so a poison one holds back none of the others', async () => {
    const fine = Array.from({ length: 6 }, (_, n) => aProbeEnvelope(n));
    const poison = aProbeEnvelope(-1);
    let last = 0;
    for (const envelope of [...fine.slice(0, 3), poison, ...fine.slice(3)]) last = await publish(envelope);
    const { started, batches } = start('poisoned');
    messaging = await started;

    await bed.consumerSettled('poisoned', last);
    await waitFor(async () => (await bed.streamCount('DLQ')) === 1, { what: 'the poison dead-lettered' });
    for (const envelope of fine) expect(await bed.effects(envelope.id)).toBe(1);
    expect(await bed.effects(poison.id)).toBe(0);
    // Alone after the failed batch: a call with the poison probe only.
    expect(batches).toContainEqual([poison.id]);
  });
});

/** A provider with a batch handler found by MessagingModule. */
@Injectable()
class Collecting {
  readonly calls: number[] = [];

  @HandleEventBatch(PROBE_SUBJECT)
  async onProbes(items: BatchItem<Probe>[], { manager }: BatchHandlerContext): Promise<void> {
    this.calls.push(items.length);
    await recordProbeEffects(
      manager,
      items.map((item) => item.event),
    );
  }
}

describe('@HandleEventBatch', () => {
  let bed: MessagingTestBed;
  let app: INestApplicationContext | undefined;

  beforeAll(async () => {
    bed = await openMessagingTestBed('batchmodule');
  });
  afterAll(async () => {
    await app?.close();
    await bed.close();
  });

  it('gives the method its own durable consumer and the batches of it', async () => {
    @Module({
      imports: [
        PersistenceModule.forRoot({
          url: bed.databaseUrl,
          entities: [],
          migrations: [...messagingMigrations, ...phiMigrations, CreateProbeEffects1800000000000],
        }),
        PhiModule.forRoot({ config: readPhiConfig({}), columns: [OUTBOX_PHI_COLUMN] }),
        MessagingModule.forRoot({ service: 'collecting', natsUrl: bed.natsUrl, namespace: bed.namespace.prefix }),
      ],
      providers: [Collecting],
    })
    class CollectingModule {}

    app = await NestFactory.createApplicationContext(CollectingModule, { logger: false });
    await app.init();
    const envelopes = [aProbeEnvelope(1), aProbeEnvelope(2)];
    for (const envelope of envelopes) {
      await bed.js.publish(bed.namespace.subject(PROBE_SUBJECT), JSON.stringify(envelope), { msgID: envelope.id });
    }

    await waitFor(async () => (await bed.effects(envelopes[1].id)) === 1, { what: 'both probes handled' });
    expect(await bed.effects(envelopes[0].id)).toBe(1);
    expect(app.get(Collecting).calls.reduce((sum, size) => sum + size, 0)).toBe(2);
  });
});
