import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import {
  newCorrelation,
  RpcPatterns,
  Subjects,
  type InsurerRegistered,
  type InsurerView,
  type RpcReply,
} from '#libs/contracts';
import { Outbox } from '#libs/messaging';
import { inTransaction } from '#libs/persistence';
import { conflict, inRole, ok, requestIdOf, serveRequest } from '#libs/rpc';
import { parseInsurer } from './insurer-input.js';

const REGISTER_INSURER_RULES = {
  action: 'register the insurer',
  caller: inRole('admin'),
  refusal: 'register insurers',
  payload: parseInsurer,
  invalidDetail: 'the insurer is not valid',
};

/**
 * `POST /v1/insurers` (admin): registers an insurer and its on-chain address, and tells the others
 * (`underwriting.insurer.registered.v1`) in the same transaction.
 */
@Controller()
export class CreateInsurerHandlers {
  private readonly logger = new Logger('CreateInsurer');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  @MessagePattern(RpcPatterns.createInsurer)
  async create(@Payload() request: unknown): Promise<RpcReply<InsurerView>> {
    return serveRequest(this.logger, request, REGISTER_INSURER_RULES, async ({ input }) => {
      const { id, name, address } = input;

      return inTransaction(this.dataSource, async (manager) => {
        const rows: { created_at: Date }[] = await manager.query(
          `INSERT INTO insurers (id, name, address) VALUES ($1, $2, $3)
           ON CONFLICT (id) DO NOTHING RETURNING created_at`,
          [id, name, address],
        );
        if (rows.length === 0)
          return conflict(`insurer ${id} already exists`, [{ field: 'id', message: 'is already registered' }]);
        const event: InsurerRegistered = { insurerId: id, address };
        await this.outbox.add(manager, Subjects.insurerRegistered, event, newCorrelation(requestIdOf(request)));
        return ok({ id, name, address, createdAt: rows[0].created_at.toISOString() });
      });
    });
  }
}
