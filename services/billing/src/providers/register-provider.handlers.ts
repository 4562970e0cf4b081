import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import {
  createProviderPayload,
  newCorrelation,
  providerByNpiPayload,
  RpcPatterns,
  type ProviderView,
  type RpcReply,
} from '#libs/contracts';
import { Outbox } from '#libs/messaging';
import { inTransaction } from '#libs/persistence';
import { conflict, inRole, notFound, ok, requestIdOf, serveRequest } from '#libs/rpc';
import { findProviderByNpi } from './provider-store.js';
import { registerProvider } from './register-provider.js';

const REGISTER_PROVIDER_RULES = {
  action: 'register the provider',
  caller: inRole('admin'),
  refusal: 'register providers',
  payload: createProviderPayload,
  invalidDetail: 'the provider is not valid',
};

/** Clinics, insurers and admins may look a provider up by NPI: its name and payee address are not secret. */
const PROVIDER_BY_NPI_RULES = {
  action: 'find the provider',
  caller: inRole('admin', 'insurer', 'clinic'),
  refusal: 'look providers up',
  payload: providerByNpiPayload,
  invalidDetail: 'the NPI is not valid',
};

/**
 * `POST /v1/providers` (admin): a clinic and its on-chain address (payee and anchor signer),
 * announced with `billing.provider.registered.v1` in the same transaction.
 */
@Controller()
export class RegisterProviderHandlers {
  private readonly logger = new Logger('RegisterProvider');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  @MessagePattern(RpcPatterns.createProvider)
  async create(@Payload() request: unknown): Promise<RpcReply<ProviderView>> {
    return serveRequest(this.logger, request, REGISTER_PROVIDER_RULES, async ({ input }) => {
      const causation = newCorrelation(requestIdOf(request));
      return inTransaction(this.dataSource, async (manager) => {
        const provider = await registerProvider(manager, this.outbox, input, causation);
        if (provider === 'id') {
          return conflict(`provider ${input.id} already exists`, [{ field: 'id', message: 'is already registered' }]);
        }
        if (provider === 'npi') {
          return conflict(`NPI ${input.npi} is registered for another provider`, [
            { field: 'npi', message: 'is already registered for another provider' },
          ]);
        }
        return ok(provider);
      });
    });
  }

  /** The FHIR facade's way from a Claim's provider NPI to the platform's provider. */
  @MessagePattern(RpcPatterns.providerByNpi)
  async byNpi(@Payload() request: unknown): Promise<RpcReply<ProviderView>> {
    return serveRequest(this.logger, request, PROVIDER_BY_NPI_RULES, async ({ input }) => {
      const provider = await findProviderByNpi(this.dataSource.manager, input.npi);
      return provider ? ok(provider) : notFound<ProviderView>('provider with that NPI');
    });
  }
}
