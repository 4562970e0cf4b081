import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { createProviderPayload, newCorrelation, RpcPatterns, type ProviderView, type RpcReply } from '#libs/contracts';
import { Outbox } from '#libs/messaging';
import { inTransaction } from '#libs/persistence';
import {
  answering,
  conflict,
  forbidden,
  invalid,
  malformedRequest,
  ok,
  parseWith,
  payloadOf,
  principalOf,
  requestIdOf,
} from '#libs/rpc';
import { registerProvider } from './register-provider.js';

/**
 * `POST /v1/providers` (admin): a clinic and its on-chain address (payee and anchor signer),
 * announced with `billing.provider.registered.v1` in the same transaction.
 */
@Controller()
export class RegisterProviderHandler {
  private readonly logger = new Logger('RegisterProvider');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  @MessagePattern(RpcPatterns.createProvider)
  async create(@Payload() request: unknown): Promise<RpcReply<ProviderView>> {
    return answering(this.logger, 'register the provider', async () => {
      const principal = principalOf(request);
      if (!principal) return malformedRequest();
      if (principal.role !== 'admin') return forbidden(principal, 'register providers');
      const input = parseWith(createProviderPayload, payloadOf(request));
      if (!input.ok) return invalid('the provider is not valid', input.errors);
      const causation = newCorrelation(requestIdOf(request));
      return inTransaction(this.dataSource, async (manager) => {
        const provider = await registerProvider(manager, this.outbox, input.value, causation);
        if (!provider) {
          return conflict(`provider ${input.value.id} already exists`, [
            { field: 'id', message: 'is already registered' },
          ]);
        }
        return ok(provider);
      });
    });
  }
}
