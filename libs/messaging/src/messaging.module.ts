import {
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BusNamespace } from '#libs/contracts';
import { PhiCipher } from '#libs/phi';
import { DataSource } from 'typeorm';
import { ConsumerHealth } from './consumer-health.js';
import type { ConsumerOptions } from './consumer-settings.js';
import type { EventConsumer } from './event-consumer.js';
import { HandlerDiscovery } from './handler-discovery.js';
import type { MessagingLogger } from './logger.js';
import { NatsConnectionHolder } from './nats-connection.js';
import { Outbox } from './outbox.js';
import { OutboxRelay } from './outbox-relay.js';
import { startConsumers, type RelaySettings } from './start-messaging.js';
import { provisionStreams } from './streams.js';

export interface MessagingModuleOptions {
  service: string;
  natsUrl: string;
  namespace: string;
  consumerDefaults?: ConsumerOptions;
  /** Run the outbox relay in this service (default true). */
  relay?: boolean | RelaySettings;
}

const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/**
 * Provisions streams when the module starts, then at application bootstrap starts a consumer per
 * `@HandleEvent` method and the outbox relay; before shutdown it drains both, so nothing is acked
 * after the DataSource closes.
 */
@Injectable()
class MessagingLifecycle
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger: MessagingLogger = new Logger('Messaging');
  private consumers: EventConsumer[] = [];
  private relay: OutboxRelay | undefined;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    @Inject(NatsConnectionHolder) private readonly holder: NatsConnectionHolder,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(HandlerDiscovery) private readonly discovery: HandlerDiscovery,
    @Inject(ConsumerHealth) private readonly health: ConsumerHealth,
  ) {}

  async onModuleInit(): Promise<void> {
    await provisionStreams(this.holder.connection, this.outbox.namespace);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumers = await startConsumers({
      service: this.options.service,
      namespace: this.outbox.namespace,
      dataSource: this.dataSource,
      connection: this.holder,
      outbox: this.outbox,
      handlers: this.discovery.discover(),
      consumerDefaults: this.options.consumerDefaults,
      logger: this.logger,
      health: this.health,
    });
    if (this.options.relay !== false) {
      const settings = typeof this.options.relay === 'object' ? this.options.relay : {};
      this.relay = new OutboxRelay({
        ...settings,
        dataSource: this.dataSource,
        cipher: this.outbox.cipher,
        js: this.holder.js,
        service: this.options.service,
        logger: this.logger,
      });
      await this.relay.start();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
    this.consumers = [];
    await this.relay?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.holder.close();
  }
}

@Module({})
export class MessagingModule {
  /**
   * Global: `Outbox`, `NatsConnectionHolder` and `ConsumerHealth` are injectable everywhere. Needs an
   * injectable DataSource and the global `PhiCipher` of `PhiModule` (libs/phi): outbox envelopes carry
   * personal data and are sealed at rest.
   */
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    const namespace = new BusNamespace(options.namespace);
    const outbox = (cipher: PhiCipher | undefined): Outbox => {
      if (!cipher) {
        throw new Error(
          `MessagingModule (${options.service}) needs PhiCipher: import PhiModule.forRoot({ config: readPhiConfig(), ` +
            `columns: [OUTBOX_PHI_COLUMN, …] }) in the service's module and add phiMigrations to its migrations`,
        );
      }
      return new Outbox(namespace, cipher);
    };
    return {
      module: MessagingModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: Outbox, inject: [{ token: PhiCipher, optional: true }], useFactory: outbox },
        {
          provide: NatsConnectionHolder,
          // After the outbox: a module missing PhiCipher fails before it opens a connection nobody would close.
          inject: [Outbox],
          useFactory: () => NatsConnectionHolder.connect(options.natsUrl, options.service),
        },
        { provide: ConsumerHealth, useValue: new ConsumerHealth() },
        HandlerDiscovery,
        MessagingLifecycle,
      ],
      exports: [Outbox, NatsConnectionHolder, ConsumerHealth],
    };
  }
}
