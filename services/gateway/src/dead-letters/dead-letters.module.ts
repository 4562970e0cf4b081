import { Inject, Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import type { NatsConnection } from '@nats-io/transport-node';
import { DeadLetterStore, watchDeadLettersWaiting } from '#libs/messaging';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { RpcModule } from '../rpc/rpc.module.js';
import { RPC_CLIENT } from '../rpc/service-rpc.js';
import { DEAD_LETTER_STORE } from './dead-letter-store.token.js';
import { DeadLettersController } from './dead-letters.controller.js';

/**
 * The admin's view of the dead letters, on the NATS connection the gateway already holds for
 * request/reply (no second connection), and the `messaging_dead_letters_waiting` gauge on /metrics.
 */
@Module({
  imports: [RpcModule],
  controllers: [DeadLettersController],
  providers: [
    {
      provide: DEAD_LETTER_STORE,
      inject: [RPC_CLIENT, GATEWAY_CONFIG],
      useFactory: (client: ClientProxy, config: GatewayConfig) =>
        new DeadLetterStore(client.unwrap<NatsConnection>(), config.busNamespace),
    },
  ],
})
export class DeadLettersModule implements OnModuleInit, OnModuleDestroy {
  private stopWatching: (() => void) | undefined;

  constructor(@Inject(DEAD_LETTER_STORE) private readonly store: DeadLetterStore) {}

  onModuleInit(): void {
    this.stopWatching = watchDeadLettersWaiting(this.store);
  }

  onModuleDestroy(): void {
    this.stopWatching?.();
  }
}
