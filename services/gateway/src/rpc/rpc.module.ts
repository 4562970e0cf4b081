import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { natsServers } from '#libs/config';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { RPC_CLIENT, ServiceRpc } from './service-rpc.js';

/**
 * One NATS connection for every request/reply call the gateway makes, connected before traffic and
 * reconnected for as long as it takes.
 */
@Module({
  providers: [
    {
      provide: RPC_CLIENT,
      inject: [GATEWAY_CONFIG],
      useFactory: async (config: GatewayConfig) => {
        const client = ClientProxyFactory.create({
          transport: Transport.NATS,
          // Never give up reconnecting: while NATS is away calls fail at once (503), and they work
          // again as soon as it is back, without restarting the gateway.
          options: {
            servers: natsServers(config.natsUrl),
            name: 'gateway',
            maxReconnectAttempts: -1,
            reconnectTimeWait: 1000,
          },
        });
        await client.connect();
        return client;
      },
    },
    ServiceRpc,
  ],
  exports: [ServiceRpc, RPC_CLIENT],
})
export class RpcModule implements OnApplicationShutdown {
  constructor(@Inject(RPC_CLIENT) private readonly client: ClientProxy) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
