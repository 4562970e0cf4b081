import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Envelope } from '#libs/contracts';
import {
  HandleEvent,
  infrastructureRetriesTotal,
  MessagingModule,
  messagingMigrations,
  startMessaging,
  twoPhaseHandler,
  type GatherContext,
  type HandlerContext,
  type Messaging,
  OUTBOX_PHI_COLUMN,
} from '#libs/messaging';
import { phiMigrations, PhiModule, readPhiConfig } from '#libs/phi';
import { PersistenceModule } from '#libs/persistence';
import { waitFor } from '#libs/testing';
import type { DataSource } from 'typeorm';
import { openMessagingTestBed, type MessagingTestBed } from './support/messaging-test-bed.js';
import {
  aProbeEnvelope,
  CreateProbeEffects1800000000000,
  PROBE_SUBJECT,
  recordProbeEffect,
  type Probe,
} from './support/probe.js';

/**
 * Transactions open on the database other than the asking connection's own. An autocommit statement
 * in flight (another gather's read) has its transaction start with the statement, so it does not count;
 * an explicit transaction (BEGIN, then statements) does, also between its statements.
 */
async function openTransactions(dataSource: DataSource): Promise<number> {
  const rows: { count: string }[] = await dataSource.query(
    `SELECT count(*) FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL
       AND (state <> 'active' OR xact_start < query_start)`,
  );
  return Number(rows[0].count);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a two-phase handler', () => {
  let bed: MessagingTestBed;
  let messaging: Messaging | undefined;

  beforeEach(async () => {
    bed = await openMessagingTestBed('gather');
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

  function start(service: string, gather: (event: Envelope<Probe>, ctx: GatherContext) => Promise<number>) {
    const handled: string[] = [];
    const started = startMessaging({
      service,
      natsUrl: bed.natsUrl,
      namespace: bed.namespace,
      dataSource: bed.dataSource,
      cipher: bed.cipher,
      consumerDefaults: { maxDeliver: 3, backoff: { initialMs: 50, factor: 2, maxMs: 200 } },
      handlers: [
        twoPhaseHandler<Probe, number>({
          subject: PROBE_SUBJECT,
          gather,
          handle: async (event, { manager, gathered }) => {
            handled.push(event.id);
            // The effect records what was gathered, so the test sees it reached the transaction.
            await recordProbeEffect(manager, { ...event, data: { n: gathered } });
          },
        }),
      ],
      logger: { warn: () => undefined, error: () => undefined },
    });
    return { started, handled };
  }

  it('gathers before the transaction opens, without one, and hands the result to the handler', async () => {
    const envelopes = Array.from({ length: 8 }, (_, n) => aProbeEnvelope(n));
    let last = 0;
    for (const envelope of envelopes) last = await publish(envelope);
    const seen: { keys: string[]; openTransactions: number }[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const { started } = start('gathering', async (event, ctx) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      seen.push({ keys: Object.keys(ctx).sort(), openTransactions: await openTransactions(ctx.dataSource) });
      await pause(50);
      inFlight -= 1;
      return event.data.n * 10;
    });
    messaging = await started;

    await bed.consumerSettled('gathering', last);
    const rows: { message_id: string; n: number }[] = await bed.dataSource.query(
      `SELECT message_id, n FROM probe_effects`,
    );
    expect(new Map(rows.map((row) => [row.message_id, row.n]))).toEqual(
      new Map(envelopes.map((envelope) => [envelope.id, envelope.data.n * 10])),
    );
    expect(seen).toHaveLength(8);
    for (const gather of seen)
      expect(gather).toEqual({ keys: ['dataSource', 'deliveryCount', 'subject'], openTransactions: 0 });
    // The batch's gathers overlap, a few at a time.
    expect(mostInFlight).toBeGreaterThan(1);
    expect(mostInFlight).toBeLessThanOrEqual(4);
  });

  it('retries a message whose gather failed, with backoff, and then handles it once', async () => {
    const failing = aProbeEnvelope(1);
    const fine = aProbeEnvelope(2);
    const gathers: number[] = [];
    const { started, handled } = start('flaky-gather', async (event, { deliveryCount }) => {
      if (event.id === failing.id) {
        gathers.push(deliveryCount);
        if (deliveryCount === 1) throw new Error('the chain did not answer');
      }
      return event.data.n;
    });
    messaging = await started;
    await publish(failing);
    const last = await publish(fine);

    await bed.consumerSettled('flaky-gather', last);
    expect(gathers).toEqual([1, 2]);
    expect(handled.filter((id) => id === failing.id)).toHaveLength(1);
    expect(await bed.effects(failing.id)).toBe(1);
    expect(await bed.effects(fine.id)).toBe(1);
    expect(messaging.consumers[0].stats.failed).toBe(1);
    expect(await bed.streamCount('DLQ')).toBe(0);
  });

  it('holds a message whose gather found a dependency unreachable, without spending a delivery', async () => {
    const envelope = aProbeEnvelope(4);
    const gathers: number[] = [];
    const { started, handled } = start('gather-outage', async (event, { deliveryCount }) => {
      gathers.push(deliveryCount);
      // What node-postgres (or a JSON-RPC client) throws when its server refuses connections.
      if (gathers.length === 1) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      return event.data.n;
    });
    messaging = await started;
    const last = await publish(envelope);

    await bed.consumerSettled('gather-outage', last);
    expect(gathers).toEqual([1, 1]);
    expect(handled).toEqual([envelope.id]);
    expect(await bed.effects(envelope.id)).toBe(1);
    expect(messaging.consumers[0].stats.failed).toBe(0);
    const retries = await infrastructureRetriesTotal.get();
    const paused = retries.values.find((v) => v.labels.service === 'gather-outage' && v.labels.kind === 'unavailable');
    expect(paused?.value).toBe(1);
  });

  it('may gather a duplicate again but handles it once', async () => {
    const envelope = aProbeEnvelope(3);
    const { started, handled } = start('gather-twice', async (event) => event.data.n);
    messaging = await started;
    await publish(envelope, `${envelope.id}-a`);
    await bed.consumerSettled('gather-twice', 1);
    const second = await publish(envelope, `${envelope.id}-b`);

    await bed.consumerSettled('gather-twice', second);
    expect(handled).toEqual([envelope.id]);
    expect(await bed.effects(envelope.id)).toBe(1);
    expect(messaging.consumers[0].stats.duplicates).toBe(1);
  });
});

/** A provider with a gather method named by its @HandleEvent. */
@Injectable()
class Doubling {
  @HandleEvent(PROBE_SUBJECT, { gather: 'gatherDouble' })
  async onProbe(event: Envelope<Probe>, ctx: HandlerContext<{ doubled: number }>): Promise<void> {
    await recordProbeEffect(ctx.manager, { ...event, data: { n: ctx.gathered.doubled } });
  }

  async gatherDouble(event: Envelope<Probe>, ctx: GatherContext): Promise<{ doubled: number }> {
    const rows: { doubled: number }[] = await ctx.dataSource.query(`SELECT $1::int * 2 AS doubled`, [event.data.n]);
    return rows[0];
  }
}

describe('@HandleEvent with a gather method', () => {
  let bed: MessagingTestBed;
  let app: INestApplicationContext | undefined;

  beforeAll(async () => {
    bed = await openMessagingTestBed('gathermodule');
  });
  afterAll(async () => {
    await app?.close();
    await bed.close();
  });

  it('runs the named method first and hands its result to the handler', async () => {
    @Module({
      imports: [
        PersistenceModule.forRoot({
          url: bed.databaseUrl,
          entities: [],
          migrations: [...messagingMigrations, ...phiMigrations, CreateProbeEffects1800000000000],
        }),
        PhiModule.forRoot({ config: readPhiConfig({}), columns: [OUTBOX_PHI_COLUMN] }),
        MessagingModule.forRoot({ service: 'doubling', natsUrl: bed.natsUrl, namespace: bed.namespace.prefix }),
      ],
      providers: [Doubling],
    })
    class DoublingModule {}

    app = await NestFactory.createApplicationContext(DoublingModule, { logger: false });
    await app.init();
    const envelope = aProbeEnvelope(21);
    await bed.js.publish(bed.namespace.subject(PROBE_SUBJECT), JSON.stringify(envelope), { msgID: envelope.id });

    await waitFor(async () => (await bed.effects(envelope.id)) === 1, { what: 'the probe handled' });
    const rows: { n: number }[] = await bed.dataSource.query(`SELECT n FROM probe_effects`);
    expect(rows).toEqual([{ n: 42 }]);
  });
});
