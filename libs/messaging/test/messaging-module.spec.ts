import { Inject, Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { causedBy, newCorrelation, type Envelope } from '#libs/contracts';
import {
  HandleEvent,
  MessagingModule,
  NatsConnectionHolder,
  OUTBOX_ENVELOPE_TEXT,
  OUTBOX_PHI_COLUMN,
  Outbox,
  openOutboxEnvelope,
  type HandlerContext,
} from '#libs/messaging';
import { phiMigrations, PhiModule, readPhiConfig } from '#libs/phi';
import { PersistenceModule } from '#libs/persistence';
import { waitFor } from '#libs/testing';
import { DataSource } from 'typeorm';
import { openMessagingTestBed, type MessagingTestBed } from './support/messaging-test-bed.js';
import { CreateProbeEffects1800000000000, PROBE_SUBJECT, recordProbeEffect, type Probe } from './support/probe.js';
import { messagingMigrations } from '#libs/messaging';

/** Counts up: each probe below 3 emits the next one through the handler's outbox. */
@Injectable()
class CountingUp {
  @HandleEvent(PROBE_SUBJECT, { batchSize: 10 })
  async onProbe(event: Envelope<Probe>, ctx: HandlerContext): Promise<void> {
    await recordProbeEffect(ctx.manager, event);
    if (event.data.n < 3) await ctx.outbox.add(ctx.manager, PROBE_SUBJECT, { n: event.data.n + 1 }, causedBy(event));
  }
}

/** A use case that starts the chain, with the injectable Outbox. */
@Injectable()
class StartCounting {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  start(): Promise<Envelope<Probe>> {
    return this.dataSource.transaction((manager) =>
      this.outbox.add(manager, PROBE_SUBJECT, { n: 0 }, newCorrelation()),
    );
  }
}

describe('MessagingModule', () => {
  let bed: MessagingTestBed;
  let app: INestApplicationContext | undefined;

  beforeAll(async () => {
    bed = await openMessagingTestBed('module');
  });
  afterAll(async () => {
    await app?.close();
    await bed.close();
  });

  it('runs @HandleEvent handlers and publishes what they emit through the outbox', async () => {
    @Module({
      imports: [
        PersistenceModule.forRoot({
          url: bed.databaseUrl,
          entities: [],
          migrations: [...messagingMigrations, ...phiMigrations, CreateProbeEffects1800000000000],
        }),
        PhiModule.forRoot({ config: readPhiConfig({}), columns: [OUTBOX_PHI_COLUMN] }),
        MessagingModule.forRoot({ service: 'counting', natsUrl: bed.natsUrl, namespace: bed.namespace.prefix }),
      ],
      providers: [CountingUp, StartCounting],
    })
    class CountingModule {}

    app = await NestFactory.createApplicationContext(CountingModule, { logger: false });
    await app.init();
    expect(app.get(NatsConnectionHolder).isConnected()).toBe(true);

    const first = await app.get(StartCounting).start();
    await waitFor(async () => (await bed.effects()) === 4, { what: 'the chain of four probes' });

    const rows: { id: string; stored: string }[] = await bed.dataSource.query(
      `SELECT id, ${OUTBOX_ENVELOPE_TEXT} AS stored FROM outbox ORDER BY seq`,
    );
    expect(rows.every((row) => row.stored.startsWith('phi1:'))).toBe(true);
    const chain = await Promise.all(
      rows.map(async (row) => JSON.parse(await openOutboxEnvelope(bed.cipher, row.id, row.stored)) as Envelope<Probe>),
    );
    expect(chain.map((envelope) => envelope.data.n)).toEqual([0, 1, 2, 3]);
    expect(new Set(chain.map((envelope) => envelope.correlationId))).toEqual(new Set([first.correlationId]));
    expect(chain.slice(1).map((envelope) => envelope.causationId)).toEqual(chain.slice(0, 3).map((e) => e.id));

    const holder = app.get(NatsConnectionHolder);
    await app.close();
    app = undefined;
    expect(holder.isConnected()).toBe(false);
  });

  it('refuses to start without PhiModule, saying what to import', async () => {
    // The bed's own DataSource, not a PersistenceModule: an application that fails to start runs no
    // shutdown hooks, so anything it opened would stay open after the test.
    @Module({ providers: [{ provide: DataSource, useValue: bed.dataSource }], exports: [DataSource] })
    class BedDataSourceModule {}
    @Module({
      imports: [
        { module: BedDataSourceModule, global: true },
        MessagingModule.forRoot({ service: 'unsealed', natsUrl: bed.natsUrl, namespace: bed.namespace.prefix }),
      ],
    })
    class UnsealedModule {}

    await expect(
      NestFactory.createApplicationContext(UnsealedModule, { logger: false, abortOnError: false }),
    ).rejects.toThrow(/MessagingModule \(unsealed\) needs PhiCipher: import PhiModule\.forRoot/);
  });
});
