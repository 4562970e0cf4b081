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
import { readClaimsConfig, type ClaimsConfig } from '../../src/claims.config.js';
import { createClaimsApp, startClaimsApp } from '../../src/claims.app.js';

type RpcPattern = (typeof RpcPatterns)[keyof typeof RpcPatterns];

export interface BusMessage {
  subject: string;
  envelope: Envelope;
}

/**
 * One test file's claims service, in-process on its own database and bus namespace, with a gateway
 * stand-in (a NATS ClientProxy) and a plain NATS connection to watch and feed the bus.
 */
export class ClaimsTestBed {
  readonly received: BusMessage[] = [];
  private readonly listeners: ((message: BusMessage) => void)[] = [];
  private watcher: Subscription | undefined;

  private constructor(
    readonly namespace: BusNamespace,
    readonly config: ClaimsConfig,
    readonly app: NestFastifyApplication,
    readonly rpc: ClientProxy,
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
  ) {}

  /** Starts the claims app with `env` over the test defaults (short deadlines, fast scans). */
  static async open(label: string, env: Record<string, string> = {}): Promise<ClaimsTestBed> {
    const namespace = new BusNamespace(testNamespace(label));
    const config = readClaimsConfig({
      PORT: '0',
      DATABASE_URL: testDatabaseUrl('claims', namespace.prefix),
      NATS_URL: TEST_NATS_URL,
      BUS_NAMESPACE: namespace.prefix,
      CLAIMS_CHECK_DEADLINE_MS: '60000',
      CLAIMS_DEADLINE_SCAN_MS: '50',
      ...env,
    });
    const nc = await connect({ servers: TEST_NATS_URL, name: `test-${namespace.prefix}` });
    const bed = new ClaimsTestBed(
      namespace,
      config,
      await createClaimsApp(config, ['error', 'warn']),
      rpcClient(),
      nc,
      jetstream(nc),
    );
    bed.watch();
    await startClaimsApp(bed.app, 0, '127.0.0.1');
    await bed.rpc.connect();
    return bed;
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  async call<R>(pattern: RpcPattern, principal: Principal, payload: unknown): Promise<RpcReply<R>> {
    const request: RpcRequest<unknown> = { principal, requestId: randomUUID(), payload };
    return firstValueFrom(this.rpc.send<RpcReply<R>>(this.namespace.subject(pattern), request).pipe(timeout(10_000)));
  }

  /** Publishes a valid envelope on the bus as another service would; returns its id. */
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
    await this.js.publish(this.namespace.subject(subject), JSON.stringify(envelope), { msgID: `${id}-${Date.now()}` });
    return id;
  }

  /** Calls `listener` for every claims event published from now on. */
  onClaimsEvent(listener: (message: BusMessage) => void): void {
    this.listeners.push(listener);
  }

  eventsOf(subject: string, claimId: string): BusMessage[] {
    return this.received.filter((message) => {
      const data = message.envelope.data as {
        claimId?: string;
        claim?: { claimId: string };
        decided?: { claimId: string };
      };
      return message.subject === subject && (data.claimId ?? data.claim?.claimId ?? data.decided?.claimId) === claimId;
    });
  }

  /**
   * Waits until the claims service has handled and acked everything published on `subject` so far
   * (call it after the publishes it should cover have been acknowledged by JetStream).
   */
  async consumed(subject: string): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    const stream = this.namespace.stream(streamOf(subject));
    await waitFor(
      async () => {
        const consumer = await jsm.consumers.info(stream, durableName('claims', subject));
        return consumer.num_pending === 0 && consumer.num_ack_pending === 0;
      },
      { what: `the claims consumer of ${subject} to ack everything`, timeoutMs: 20_000 },
    );
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.rpc.close();
    this.watcher?.unsubscribe();
    await deleteStreams(this.nc, this.namespace).catch(() => undefined);
    await this.nc.close();
    await dropDatabase(this.config.databaseUrl);
  }

  /** A core subscription sees what JetStream stores on the namespace's claims subjects. */
  private watch(): void {
    this.watcher = this.nc.subscribe(this.namespace.subject('claims.>'), {
      callback: (error, msg) => {
        if (error) return;
        const message = { subject: this.namespace.strip(msg.subject), envelope: msg.json<Envelope>() };
        this.received.push(message);
        for (const listener of this.listeners) listener(message);
      },
    });
  }
}

function rpcClient(): ClientProxy {
  return ClientProxyFactory.create({
    transport: Transport.NATS,
    options: { servers: [TEST_NATS_URL], name: 'test-gateway' },
  });
}
