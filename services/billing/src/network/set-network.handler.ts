import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { RpcPatterns, setNetworkPayload, type NetworkView, type RpcReply } from '#libs/contracts';
import {
  answering,
  forbidden,
  insurerOf,
  invalid,
  malformedRequest,
  ok,
  parseWith,
  payloadOf,
  principalOf,
} from '#libs/rpc';
import { findProvider } from '../providers/provider-store.js';

/**
 * `PUT /v1/network/{providerId}` (insurer): whether a registered provider is in the caller's network.
 * Without an entry a provider is out of network (see DEFAULT_NETWORK_STATUS).
 */
@Controller()
export class SetNetworkHandler {
  private readonly logger = new Logger('Network');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @MessagePattern(RpcPatterns.setNetwork)
  async set(@Payload() request: unknown): Promise<RpcReply<NetworkView>> {
    return answering(this.logger, 'set the network status', async () => {
      const principal = principalOf(request);
      if (!principal) return malformedRequest();
      const insurerId = insurerOf(principal);
      if (!insurerId) return forbidden(principal, 'keep a network');
      const input = parseWith(setNetworkPayload, payloadOf(request));
      if (!input.ok) return invalid('the network status is not valid', input.errors);
      const { providerId, status } = input.value;
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
