import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { firstValueFrom, timeout } from 'rxjs';
import { DataSource } from 'typeorm';
import {
  BusNamespace,
  parseSubjectName,
  validateEnvelope,
  type Envelope,
  type Principal,
  type RpcPatterns,
  type RpcReply,
  type RpcRequest,
} from '#libs/contracts';
import { deleteStreams, durableName, streamOf } from '#libs/messaging';
import { dropDatabase } from '#libs/persistence';
import { TEST_NATS_URL, testDatabaseUrl, testNamespace, waitFor } from '#libs/testing';
import { readFraudConfig, type FraudConfig } from '../../src/fraud-config.js';
import { createFraudApp, startFraudApp } from '../../src/fraud.app.js';

type RpcPattern = (typeof RpcPatterns)[keyof typeof RpcPatterns];

export interface BusMessage<T = unknown> {
  subject: string;
  envelope: Envelope<T>;
}

/**
 * One test file's fraud service, in-process on its own database and bus namespace, with a
 * gateway stand-in (a NATS ClientProxy) and a plain NATS connection to feed the bus as the claims
 * service would and to watch what fraud publishes.
 */
export class FraudTestBed {
  readonly published: BusMessage[] = [];
  private watcher: Subscription | undefined;

  private constructor(
    readonly namespace: BusNamespace,
    readonly config: FraudConfig,
    readonly app: NestFastifyApplication,
    readonly rpc: ClientProxy,
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
  ) {}

  static async open(label: string): Promise<FraudTestBed> {
    const namespace = new BusNamespace(testNamespace(label));
    const config = readFraudConfig({
      PORT: '0',
      DATABASE_URL: testDatabaseUrl('fraud', namespace.prefix),
      NATS_URL: TEST_NATS_URL,
      BUS_NAMESPACE: namespace.prefix,
    });
    const nc = await connect({ servers: TEST_NATS_URL, name: `test-${namespace.prefix}` });
    const rpc = ClientProxyFactory.create({
      transport: Transport.NATS,
      options: { servers: [TEST_NATS_URL], name: 'test-gateway' },
    });
    const app = await createFraudApp(config, ['error', 'warn']);
    const bed = new FraudTestBed(namespace, config, app, rpc, nc, jetstream(nc));
    bed.watch();
    await startFraudApp(app, 0, '127.0.0.1');
    await rpc.connect();
    return bed;
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  async call<R>(pattern: RpcPattern, principal: Principal, payload: unknown): Promise<RpcReply<R>> {
    const request: RpcRequest<unknown> = { principal, requestId: randomUUID(), payload };
    return firstValueFrom(this.rpc.send<RpcReply<R>>(this.namespace.subject(pattern), request).pipe(timeout(10_000)));
  }

  /** Calls and insists on success, for set-up steps. */
  async must<R>(pattern: RpcPattern, principal: Principal, payload: unknown): Promise<R> {
    const reply = await this.call<R>(pattern, principal, payload);
    if (!reply.ok) throw new Error(`${pattern} failed: ${JSON.stringify(reply.error)}`);
    return reply.value;
  }

  /** Publishes a valid envelope as another service would (JetStream acked); returns its id. */
  async publish<T>(subject: string, data: T, id: string = randomUUID()): Promise<string> {
    const { type, version } = parseSubjectName(subject);
    const envelope = validateEnvelope(subject, {
      id,
      type,
      version,
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
      causationId: null,
      data,
    });
    // A fresh Nats-Msg-Id, so a deliberate second copy is not dropped by JetStream's dedupe.
    await this.js.publish(this.namespace.subject(subject), JSON.stringify(envelope), { msgID: randomUUID() });
    return id;
  }

  /** What fraud published on `subject`, optionally only about one claim. */
  eventsOf<T>(subject: string, claimId?: string): BusMessage<T>[] {
    return this.published.filter(
      (message) =>
        message.subject === subject &&
        (claimId === undefined || (message.envelope.data as { claimId?: string }).claimId === claimId),
    ) as BusMessage<T>[];
  }

  /** Waits for the `count`-th event on `subject` (about `claimId`) and returns them all. */
  async waitForEvents<T>(subject: string, { claimId, count = 1 }: { claimId?: string; count?: number } = {}) {
    return waitFor(
      () => (this.eventsOf<T>(subject, claimId).length >= count ? this.eventsOf<T>(subject, claimId) : undefined),
      {
        what: `${count} ${subject} event(s)${claimId ? ` for ${claimId}` : ''}`,
      },
    );
  }

  /** Waits until fraud has handled and acked everything published on `subject` so far. */
  async consumed(subject: string): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    const stream = this.namespace.stream(streamOf(subject));
    await waitFor(
      async () => {
        const consumer = await jsm.consumers.info(stream, durableName('fraud', subject));
        return consumer.num_pending === 0 && consumer.num_ack_pending === 0;
      },
      { what: `the fraud consumer of ${subject} to ack everything`, timeoutMs: 20_000 },
    );
  }

  async count(table: string): Promise<number> {
    return Number((await this.dataSource.query(`SELECT count(*) FROM ${table}`))[0].count);
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.rpc.close();
    this.watcher?.unsubscribe();
    await deleteStreams(this.nc, this.namespace).catch(() => undefined);
    await this.nc.close();
    await dropDatabase(this.config.databaseUrl);
  }

  /** A core subscription sees what the relay publishes on the namespace's fraud subjects. */
  private watch(): void {
    this.watcher = this.nc.subscribe(this.namespace.subject('fraud.>'), {
      callback: (error, msg) => {
        if (error) return;
        this.published.push({ subject: this.namespace.strip(msg.subject), envelope: msg.json<Envelope>() });
      },
    });
  }
}
