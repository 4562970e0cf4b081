import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Envelope } from '#libs/contracts';
import {
  ConsumerHealth,
  HandleEvent,
  MessagingModule,
  messagingMigrations,
  NatsConnectionHolder,
  type HandlerContext,
  OUTBOX_PHI_COLUMN,
} from '#libs/messaging';
import { OpsModule, providerReadiness } from '#libs/observability';
import { phiMigrations, PhiModule, readPhiConfig } from '#libs/phi';
import { PersistenceModule } from '#libs/persistence';
import { OPS_AUTHORIZATION, startPrivatePostgres, TEST_OPS_TOKEN, waitFor, type PrivatePostgres } from '#libs/testing';
import { openMessagingTestBed, type MessagingTestBed } from './support/messaging-test-bed.js';
import {
  aProbeEnvelope,
  CreateProbeEffects1800000000000,
  PROBE_SUBJECT,
  recordProbeEffect,
  type Probe,
} from './support/probe.js';

@Injectable()
class RecordsProbes {
  @HandleEvent(PROBE_SUBJECT)
  async onProbe(event: Envelope<Probe>, { manager }: HandlerContext): Promise<void> {
    await recordProbeEffect(manager, event);
  }
}

interface Readiness {
  status: string;
  error?: Record<string, { status: string; message?: string }>;
  details: Record<string, { status: string }>;
}

/** A service wired as the services are: its readiness lists the bus and the consumers. */
describe('readiness of a service whose consumer is paused on a database outage', () => {
  let postgres: PrivatePostgres;
  let bed: MessagingTestBed;
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    bed = await openMessagingTestBed('ready', { databaseUrlFor: postgres.urlFor });
    @Module({
      imports: [
        PersistenceModule.forRoot({
          url: bed.databaseUrl,
          entities: [],
          migrations: [...messagingMigrations, ...phiMigrations, CreateProbeEffects1800000000000],
        }),
        PhiModule.forRoot({ config: readPhiConfig({}), columns: [OUTBOX_PHI_COLUMN] }),
        MessagingModule.forRoot({ service: 'ready', natsUrl: bed.natsUrl, namespace: bed.namespace.prefix }),
        OpsModule.forRoot({
          service: 'ready',
          opsToken: TEST_OPS_TOKEN,
          readiness: [
            providerReadiness('nats', NatsConnectionHolder, (bus) => bus.isConnected()),
            providerReadiness('consumers', ConsumerHealth, (consumers) => consumers.assertRunning()),
          ],
        }),
      ],
      providers: [RecordsProbes],
    })
    class ReadyModule {}
    app = await NestFactory.create<NestFastifyApplication>(ReadyModule, new FastifyAdapter(), { logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(async () => {
    await app?.close();
    await bed?.close().catch(() => undefined);
    await postgres?.destroy();
  });

  const readiness = async (): Promise<Readiness> =>
    (await fetch(`${url}/health/ready`, { headers: OPS_AUTHORIZATION })).json() as Promise<Readiness>;

  it('reports the paused consumer as down until the database is back', async () => {
    expect((await readiness()).details.consumers.status).toBe('up');
    await postgres.stopImmediate();
    const envelope = aProbeEnvelope(1);
    await bed.js.publish(bed.namespace.subject(PROBE_SUBJECT), JSON.stringify(envelope), { msgID: envelope.id });

    const down = await waitFor(
      async () => {
        const report = await readiness();
        return report.error?.consumers ? report : undefined;
      },
      { what: 'the consumers check to go down' },
    );
    expect(down.error?.consumers).toMatchObject({
      status: 'down',
      message: 'paused on an unavailable database: ready__claims_probe_recorded_v1',
    });

    await postgres.start();
    await waitFor(async () => (await fetch(`${url}/health/ready`)).status === 200, {
      what: 'the service to be ready again',
    });
    expect(await bed.effects(envelope.id)).toBe(1);
  }, 60_000);
});
