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
import type { ServiceConfig } from '#libs/config';
import { deleteStreams, durableName, streamOf } from '#libs/messaging';
import { dropDatabase } from '#libs/persistence';
import { TEST_NATS_URL, testDatabaseUrl, testNamespace, waitFor } from '#libs/testing';

type RpcPattern = (typeof RpcPatterns)[keyof typeof RpcPatterns];

export interface BusMessage<T = unknown> {
  subject: string;
  envelope: Envelope<T>;
}

/** How to build and start one service in-process, for its test bed. */
export interface ServiceUnderTest<C extends ServiceConfig> {
  /** The service's name: its database, its durable consumers' prefix and its subjects' first part. */
  name: string;
  readConfig: (env: Record<string, string>) => C;
  createApp: (config: C, logger: ('error' | 'warn')[]) => Promise<NestFastifyApplication>;
  startApp: (app: NestFastifyApplication, port: number, host: string) => Promise<unknown>;
}

/**
 * One test file's service, in-process on its own database and bus namespace, with a gateway stand-in
 * (a NATS ClientProxy) and a plain NATS connection to feed the bus as the other services would and to
 * watch what the service publishes.
 */
export class ServiceTestBed<C extends ServiceConfig = ServiceConfig> {
  readonly published: BusMessage[] = [];
  private watcher: Subscription | undefined;

  private constructor(
    readonly service: string,
    readonly namespace: BusNamespace,
    readonly config: C,
    readonly app: NestFastifyApplication,
    readonly rpc: ClientProxy,
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
  ) {}

  static async open<C extends ServiceConfig>(
    service: ServiceUnderTest<C>,
    label: string,
    env: Record<string, string> = {},
  ): Promise<ServiceTestBed<C>> {
    const namespace = new BusNamespace(testNamespace(label));
    const config = service.readConfig({
      PORT: '0',
      DATABASE_URL: testDatabaseUrl(service.name, namespace.prefix),
      NATS_URL: TEST_NATS_URL,
      BUS_NAMESPACE: namespace.prefix,
      ...env,
    });
    const nc = await connect({ servers: TEST_NATS_URL, name: `test-${namespace.prefix}` });
    const rpc = ClientProxyFactory.create({
      transport: Transport.NATS,
      options: { servers: [TEST_NATS_URL], name: 'test-gateway' },
    });
    const app = await service.createApp(config, ['error', 'warn']);
    const bed = new ServiceTestBed(service.name, namespace, config, app, rpc, nc, jetstream(nc));
    bed.watch();
    await service.startApp(app, 0, '127.0.0.1');
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

  /** What the service published on `subject`, optionally only about one claim. */
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

  /** Waits until the service has handled and acked everything published on `subject` so far. */
  async consumed(subject: string): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    const stream = this.namespace.stream(streamOf(subject));
    await waitFor(
      async () => {
        const consumer = await jsm.consumers.info(stream, durableName(this.service, subject));
        return consumer.num_pending === 0 && consumer.num_ack_pending === 0;
      },
      { what: `the ${this.service} consumer of ${subject} to ack everything`, timeoutMs: 20_000 },
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

  /** A core subscription sees what the relay publishes on the namespace's subjects of the service. */
  private watch(): void {
    this.watcher = this.nc.subscribe(this.namespace.subject(`${this.service}.>`), {
      callback: (error, msg) => {
        if (error) return;
        this.published.push({ subject: this.namespace.strip(msg.subject), envelope: msg.json<Envelope>() });
      },
    });
  }
}
