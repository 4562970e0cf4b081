import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { RpcPatterns, setNetworkPayload, type NetworkView, type RpcReply } from '#libs/contracts';
import { insurerOf, invalid, ok, serveRequest } from '#libs/rpc';
import { findProvider } from '../providers/provider-store.js';

const SET_NETWORK_RULES = {
  action: 'set the network status',
  caller: insurerOf,
  refusal: 'keep a network',
  payload: setNetworkPayload,
  invalidDetail: 'the network status is not valid',
};

/**
 * `PUT /v1/network/{providerId}` (insurer): whether a registered provider is in the caller's network.
 * Without an entry a provider is out of network (see DEFAULT_NETWORK_STATUS).
 */
@Controller()
export class SetNetworkHandlers {
  private readonly logger = new Logger('Network');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @MessagePattern(RpcPatterns.setNetwork)
  async set(@Payload() request: unknown): Promise<RpcReply<NetworkView>> {
    return serveRequest(this.logger, request, SET_NETWORK_RULES, async ({ caller: insurerId, input }) => {
      const { providerId, status } = input;
      if (!(await findProvider(this.dataSource.manager, providerId))) {
        return invalid('no such provider', [{ field: 'providerId', message: 'is not a registered provider' }]);
      }
      const rows: { updated_at: Date }[] = await this.dataSource.query(
        `INSERT INTO network (insurer_id, provider_id, status) VALUES ($1, $2, $3)
         ON CONFLICT (insurer_id, provider_id) DO UPDATE SET status = EXCLUDED.status, updated_at = now()
         RETURNING updated_at`,
        [insurerId, providerId, status],
      );
      return ok({ insurerId, providerId, status, updatedAt: rows[0].updated_at.toISOString() });
    });
  }
}
