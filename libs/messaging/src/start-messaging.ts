import { BusNamespace } from '#libs/contracts';
import type { PhiCipher } from '#libs/phi';
import type { DataSource } from 'typeorm';
import { ConsumerHealth } from './consumer-health.js';
import { resolveConsumerSettings, type ConsumerOptions } from './consumer-settings.js';
import { EventConsumer } from './event-consumer.js';
import type { EventHandlerRegistration } from './handler.js';
import { consoleLogger, type MessagingLogger } from './logger.js';
import { NatsConnectionHolder } from './nats-connection.js';
import { Outbox } from './outbox.js';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay.js';
import { ensureConsumer, provisionStreams } from './streams.js';

export type RelaySettings = Pick<OutboxRelayOptions, 'batchSize' | 'pollIntervalMs' | 'listen'>;

export interface StartMessagingOptions {
  service: string;
  namespace: string | BusNamespace;
  dataSource: DataSource;
  /** Seals the outbox's envelopes and opens them for the relay (the service's own, libs/phi). */
  cipher: PhiCipher;
  /** Either a URL (a connection of its own, closed by `stop()`) or a shared connection. */
  natsUrl?: string;
  connection?: NatsConnectionHolder;
  handlers?: EventHandlerRegistration[];
  /** Run an outbox relay in this process (true, or its settings). */
  relay?: boolean | RelaySettings;
  /** Defaults for every handler's consumer; a handler's own options win. */
  consumerDefaults?: ConsumerOptions;
  /** Create or update the streams first (default true). */
  provision?: boolean;
  logger?: MessagingLogger;
}

export interface Messaging {
  outbox: Outbox;
  relay: OutboxRelay | undefined;
  connection: NatsConnectionHolder;
  consumers: EventConsumer[];
  /** Whether a consumer is paused on an unavailable database (what readiness asks). */
  health: ConsumerHealth;
  /** Stops consuming (finishing what was received), stops the relay, closes an own connection. */
  stop(): Promise<void>;
}

/** Messaging without NestJS, for tests and scripts; MessagingModule runs the same pieces. */
export async function startMessaging(options: StartMessagingOptions): Promise<Messaging> {
  const namespace = typeof options.namespace === 'string' ? new BusNamespace(options.namespace) : options.namespace;
  const ownsConnection = !options.connection;
  if (!options.connection && !options.natsUrl) throw new Error('startMessaging needs natsUrl or connection');
  const connection = options.connection ?? (await NatsConnectionHolder.connect(options.natsUrl ?? '', options.service));
  const logger = options.logger ?? consoleLogger;
  const outbox = new Outbox(namespace, options.cipher);
  try {
    if (options.provision !== false) await provisionStreams(connection.connection, namespace);
    const health = new ConsumerHealth();
    const consumers = await startConsumers({ ...options, namespace, connection, outbox, logger, health });
    let relay: OutboxRelay | undefined;
    if (options.relay) {
      const settings = options.relay === true ? {} : options.relay;
      relay = new OutboxRelay({
        ...settings,
        dataSource: options.dataSource,
        cipher: options.cipher,
        js: connection.js,
        service: options.service,
        logger,
      });
      await relay.start();
    }
    const stop = async () => {
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await relay?.stop();
      if (ownsConnection) await connection.close();
    };
    return { outbox, relay, connection, consumers, health, stop };
  } catch (error) {
    if (ownsConnection) await connection.close();
    throw error;
  }
}

export interface StartConsumersOptions {
  service: string;
  namespace: BusNamespace;
  dataSource: DataSource;
  connection: NatsConnectionHolder;
  outbox: Outbox;
  handlers?: EventHandlerRegistration[];
  consumerDefaults?: ConsumerOptions;
  logger: MessagingLogger;
  /** Told which consumers are paused on an unavailable database. */
  health?: ConsumerHealth;
}

/** Ensures a durable consumer per handler and starts consuming; one handler per subject. */
export async function startConsumers(options: StartConsumersOptions): Promise<EventConsumer[]> {
  const handlers = options.handlers ?? [];
  const subjects = handlers.map((handler) => handler.subject);
  const repeated = subjects.find((subject, i) => subjects.indexOf(subject) !== i);
  if (repeated) throw new Error(`${options.service} has two handlers for ${repeated}; a subject gets one`);
  const jsm = await options.connection.jetstreamManager();
  const consumers: EventConsumer[] = [];
  try {
    for (const registration of handlers) {
      const settings = resolveConsumerSettings(options.consumerDefaults, registration.options);
      const { stream, durable } = await ensureConsumer(
        jsm,
        options.namespace,
        options.service,
        registration.subject,
        settings,
      );
      const consumer = new EventConsumer({
        js: options.connection.js,
        dataSource: options.dataSource,
        namespace: options.namespace,
        service: options.service,
        stream,
        durable,
        registration,
        settings,
        outbox: options.outbox,
        logger: options.logger,
        health: options.health,
      });
      await consumer.start();
      consumers.push(consumer);
    }
  } catch (error) {
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    throw error;
  }
  return consumers;
}
