import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { firstValueFrom, timeout } from 'rxjs';
import { DataSource } from 'typeorm';
import {
  BusNamespace,
  type Envelope,
  type Principal,
  type RpcPatterns,
  type RpcReply,
  type RpcRequest,
} from '#libs/contracts';
import type { ServiceConfig } from '#libs/config';
import { OUTBOX_ENVELOPE_TEXT, openOutboxEnvelope } from '#libs/messaging';
import { PhiCipher } from '#libs/phi';
import { dropDatabase } from '#libs/persistence';
import { TestBus } from './test-bus.js';
import { TEST_NATS_URL, TEST_OPS_TOKEN, testDatabaseUrl, testNamespace } from '#libs/testing';

type RpcPattern = (typeof RpcPatterns)[keyof typeof RpcPatterns];

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
 * (a NATS ClientProxy) and the bus of TestBus to feed it as the other services would and to watch
 * what it publishes.
 */
export class ServiceTestBed<C extends ServiceConfig = ServiceConfig> extends TestBus {
  private constructor(
    readonly service: string,
    namespace: BusNamespace,
    readonly config: C,
    readonly app: NestFastifyApplication,
    readonly rpc: ClientProxy,
    nc: NatsConnection,
    js: JetStreamClient,
  ) {
    super(namespace, nc, js, `${service}.>`);
  }

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
      OPS_TOKEN: TEST_OPS_TOKEN,
      ...env,
    });
    const nc = await connect({ servers: TEST_NATS_URL, name: `test-${namespace.prefix}` });
    const rpc = ClientProxyFactory.create({
      transport: Transport.NATS,
      options: { servers: [TEST_NATS_URL], name: 'test-gateway' },
    });
    const app = await service.createApp(config, ['error', 'warn']);
    const bed = new ServiceTestBed(service.name, namespace, config, app, rpc, nc, jetstream(nc));
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

  /** Waits until the service has handled and acked everything published on `subject` so far. */
  async consumed(subject: string): Promise<void> {
    await this.consumedBy(this.service, subject);
  }

  /** The events the service put in its outbox on the bare `subject`, in order, opened (they rest sealed). */
  async outboxEnvelopes<T>(subject: string): Promise<Envelope<T>[]> {
    const rows = await this.dataSource.query<{ id: string; stored: string }[]>(
      `SELECT id, ${OUTBOX_ENVELOPE_TEXT} AS stored FROM outbox WHERE subject = $1 ORDER BY seq`,
      [this.namespace.subject(subject)],
    );
    const cipher = this.app.get(PhiCipher);
    return Promise.all(
      rows.map(async (row) => JSON.parse(await openOutboxEnvelope(cipher, row.id, row.stored)) as Envelope<T>),
    );
  }

  async count(table: string): Promise<number> {
    const [row] = await this.dataSource.query<{ count: string }[]>(`SELECT count(*) FROM ${table}`);
    return Number(row.count);
  }

  override async close(): Promise<void> {
    await this.app.close();
    await this.rpc.close();
    await super.close();
    await dropDatabase(this.config.databaseUrl);
  }
}
