import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Envelope } from '#libs/contracts';
import {
  batchHandler,
  HandleEvents,
  MessagingModule,
  messagingMigrations,
  OUTBOX_ENVELOPE_TEXT,
  OUTBOX_PHI_COLUMN,
  openOutboxEnvelope,
  startMessaging,
  type BatchGatherContext,
  type BatchGatherFn,
  type BatchHandlerContext,
  type BatchHandlerFn,
  type BatchItem,
  type Messaging,
} from '#libs/messaging';
import { phiMigrations, PhiModule, readPhiConfig } from '#libs/phi';
import { PersistenceModule } from '#libs/persistence';
import { waitFor } from '#libs/testing';
import type { EntityManager } from 'typeorm';
import { openMessagingTestBed, type MessagingTestBed } from './support/messaging-test-bed.js';
import { aProbeEnvelope, CreateProbeEffects1800000000000, PROBE_SUBJECT, type Probe } from './support/probe.js';

/** The effects of a whole batch in one statement, as a batch handler is meant to write them. */
async function recordEffects(manager: EntityManager, items: BatchItem<Probe, number>[]): Promise<void> {
  await manager.query(`INSERT INTO probe_effects (message_id, n) SELECT * FROM unnest($1::uuid[], $2::int[])`, [
    items.map((item) => item.event.id),
    items.map((item) => item.gathered),
  ]);
}

const POISON = 13;

describe('a batch handler (gatherBatch, handleBatch)', () => {
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

  function start(
    service: string,
    gatherBatch: BatchGatherFn<Probe, number>,
    handleBatch: BatchHandlerFn<Probe, number> = async (items, { manager }) => recordEffects(manager, items),
  ) {
    return startMessaging({
      service,
      natsUrl: bed.natsUrl,
      namespace: bed.namespace,
      dataSource: bed.dataSource,
      cipher: bed.cipher,
      consumerDefaults: { maxDeliver: 2, backoff: { initialMs: 50, factor: 2, maxMs: 200 } },
      handlers: [batchHandler<Probe, number>({ subject: PROBE_SUBJECT, gatherBatch, handleBatch })],
      logger: { warn: () => undefined, error: () => undefined },
    });
  }

  it('gathers and handles each batch in one call, writing its events with one outbox statement', async () => {
    const envelopes = Array.from({ length: 12 }, (_, n) => aProbeEnvelope(n));
    let last = 0;
    for (const envelope of envelopes) last = await publish(envelope);
    const gathered: string[][] = [];
    const handled: string[][] = [];
    messaging = await start(
      'batching',
      async (events: Envelope<Probe>[], ctx: BatchGatherContext) => {
        gathered.push(events.map((event) => event.id));
        const rows: { n: number }[] = await ctx.dataSource.query(`SELECT unnest($1::int[]) * 10 AS n`, [
          events.map((event) => event.data.n),
        ]);
        return rows.map((row) => row.n);
      },
      async (items, { manager, outbox }: BatchHandlerContext) => {
        handled.push(items.map((item) => item.event.id));
        await recordEffects(manager, items);
        const rows = items.map((item) =>
          item.traced(() =>
            outbox.prepare(
              PROBE_SUBJECT,
              { n: item.gathered + 1 },
              { correlationId: item.event.correlationId, causationId: item.event.id },
            ),
          ),
        );
        await outbox.insert(manager, rows);
      },
    );

    await bed.consumerSettled('batching', last);
    const effects: { message_id: string; n: number }[] = await bed.dataSource.query(
      `SELECT message_id, n FROM probe_effects`,
    );
    expect(new Map(effects.map((row) => [row.message_id, row.n]))).toEqual(
      new Map(envelopes.map((envelope) => [envelope.id, envelope.data.n * 10])),
    );
    // The messages that waited while the first was handled come as one batch: fewer calls than messages.
    expect(handled.flat().sort()).toEqual(envelopes.map((envelope) => envelope.id).sort());
    expect(handled).toEqual(gathered);
    expect(Math.max(...handled.map((batch) => batch.length))).toBeGreaterThan(1);
    const stored: { id: string; envelope: string }[] = await bed.dataSource.query(
      `SELECT id, ${OUTBOX_ENVELOPE_TEXT} AS envelope FROM outbox ORDER BY seq`,
    );
    const events = await Promise.all(
      stored.map(
        async (row) => JSON.parse(await openOutboxEnvelope(bed.cipher, row.id, row.envelope)) as Envelope<Probe>,
      ),
    );
    expect(new Map(events.map((event) => [event.causationId, event.data.n]))).toEqual(
      new Map(envelopes.map((envelope) => [envelope.id, envelope.data.n * 10 + 1])),
    );
  });

  it('gathers and handles each message alone when its batch fails, so only the poison message fails', async () => {
    const poisonInHandler = aProbeEnvelope(POISON);
    const poisonInGather = aProbeEnvelope(POISON);
    const fine = [1, 2, 3, 4].map((n) => aProbeEnvelope(n));
    // The first message is handled alone; the others wait and come as one batch with both poison messages.
    const envelopes = [fine[0], fine[1], poisonInHandler, fine[2], poisonInGather, fine[3]];
    let last = 0;
    for (const envelope of envelopes) last = await publish(envelope);
    messaging = await start(
      'poison',
      async (events) => {
        if (events.some((event) => event.id === poisonInGather.id)) throw new Error('cannot read this one');
        return events.map((event) => event.data.n);
      },
      async (items, { manager }) => {
        if (items.some((item) => item.event.id === poisonInHandler.id)) throw new Error('cannot handle this one');
        await recordEffects(manager, items);
      },
    );

    await waitFor(async () => (await bed.streamCount('DLQ')) === 2, { what: 'both poison messages dead-lettered' });
    await bed.consumerSettled('poison', last);
    for (const envelope of fine) expect(await bed.effects(envelope.id)).toBe(1);
    expect(await bed.effects(poisonInHandler.id)).toBe(0);
    expect(await bed.effects(poisonInGather.id)).toBe(0);
    expect(messaging.consumers[0].stats.batchFallbacks).toBeGreaterThan(0);
  });

  it('holds the batch when the gather finds the database unavailable, without spending a delivery', async () => {
    const envelope = aProbeEnvelope(5);
    const deliveries: number[] = [];
    messaging = await start('batch-outage', async (events) => {
      deliveries.push(events.length);
      if (deliveries.length === 1) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      return events.map((event) => event.data.n);
    });
    const last = await publish(envelope);

    await bed.consumerSettled('batch-outage', last);
    expect(deliveries).toEqual([1, 1]);
    expect(await bed.effects(envelope.id)).toBe(1);
    expect(messaging.consumers[0].stats.failed).toBe(0);
  });

  it('leaves a duplicate out of the batch handler', async () => {
    const envelope = aProbeEnvelope(6);
    const handled: string[] = [];
    messaging = await start(
      'batch-twice',
      async (events) => events.map((event) => event.data.n),
      async (items, { manager }) => {
        handled.push(...items.map((item) => item.event.id));
        await recordEffects(manager, items);
      },
    );
    await publish(envelope, `${envelope.id}-a`);
    await bed.consumerSettled('batch-twice', 1);
    const second = await publish(envelope, `${envelope.id}-b`);

    await bed.consumerSettled('batch-twice', second);
    expect(handled).toEqual([envelope.id]);
    expect(await bed.effects(envelope.id)).toBe(1);
    expect(messaging.consumers[0].stats.duplicates).toBe(1);
  });
});

/** A provider whose batch handler names its batch gather method. */
@Injectable()
class BatchDoubling {
  @HandleEvents(PROBE_SUBJECT, { gather: 'gatherDoubles' })
  async onProbes(items: BatchItem<Probe, number>[], { manager }: BatchHandlerContext): Promise<void> {
    await recordEffects(manager, items);
  }

  async gatherDoubles(events: Envelope<Probe>[], ctx: BatchGatherContext): Promise<number[]> {
    const rows: { doubled: number }[] = await ctx.dataSource.query(`SELECT unnest($1::int[]) * 2 AS doubled`, [
      events.map((event) => event.data.n),
    ]);
    return rows.map((row) => row.doubled);
  }
}

describe('@HandleEvents with a batch gather method', () => {
  let bed: MessagingTestBed;
  let app: INestApplicationContext | undefined;

  beforeAll(async () => {
    bed = await openMessagingTestBed('batchmodule');
  });
  afterAll(async () => {
    await app?.close();
    await bed.close();
  });

  it('runs the named method for the batch first and hands each result to its item', async () => {
    @Module({
      imports: [
        PersistenceModule.forRoot({
          url: bed.databaseUrl,
          entities: [],
          migrations: [...messagingMigrations, ...phiMigrations, CreateProbeEffects1800000000000],
        }),
        PhiModule.forRoot({ config: readPhiConfig({}), columns: [OUTBOX_PHI_COLUMN] }),
        MessagingModule.forRoot({ service: 'batchdoubling', natsUrl: bed.natsUrl, namespace: bed.namespace.prefix }),
      ],
      providers: [BatchDoubling],
    })
    class BatchDoublingModule {}

    app = await NestFactory.createApplicationContext(BatchDoublingModule, { logger: false });
    await app.init();
    const envelope = aProbeEnvelope(21);
    await bed.js.publish(bed.namespace.subject(PROBE_SUBJECT), JSON.stringify(envelope), { msgID: envelope.id });

    await waitFor(async () => (await bed.effects(envelope.id)) === 1, { what: 'the probe handled' });
    const rows: { n: number }[] = await bed.dataSource.query(`SELECT n FROM probe_effects`);
    expect(rows).toEqual([{ n: 42 }]);
  });
});
