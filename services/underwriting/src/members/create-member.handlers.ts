import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource, type EntityManager } from 'typeorm';
import { type MemberView, newCorrelation, RpcPatterns, type RpcReply, Subjects, todayUtc } from '#libs/contracts';
import { Outbox } from '#libs/messaging';
import { PhiCipher } from '#libs/phi';
import { inTransaction } from '#libs/persistence';
import { conflict, idNotAvailable, insurerOf, invalid, ok, requestIdOf, serveRequest } from '#libs/rpc';
import { findPlan } from '../plans/plan-store.js';
import { parseNewMember, type NewMember } from './member-input.js';
import { findMember, insertMember, memberSnapshot, toMemberView } from './member-store.js';
import { periodsOverlap } from './coverage-period.js';

const ENROL_RULES = {
  action: 'enrol the member',
  caller: insurerOf,
  refusal: 'enrol members',
  payload: (payload: unknown) => parseNewMember(payload, todayUtc()),
  invalidDetail: 'the member is not valid',
};

/**
 * `POST /v1/members` (insurer): enrols a member on one of the caller's plans and publishes
 * `underwriting.member.registered.v1` (snapshot version 1) in the same transaction.
 */
@Controller()
export class CreateMemberHandlers {
  private readonly logger = new Logger('CreateMember');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(PhiCipher) private readonly cipher: PhiCipher,
  ) {}

  @MessagePattern(RpcPatterns.createMember)
  async create(@Payload() request: unknown): Promise<RpcReply<MemberView>> {
    return serveRequest(this.logger, request, ENROL_RULES, async ({ caller: insurerId, input: member }) => {
      const plan = await findPlan(this.dataSource.manager, member.planId);
      // Another insurer's plan gets the same answer as no plan, so its existence is not revealed.
      if (!plan || plan.insurerId !== insurerId) {
        return invalid('the member is not valid', [{ field: 'planId', message: 'is not one of your plans' }]);
      }

      return inTransaction(this.dataSource, async (manager) => {
        const stored = await insertMember(manager, this.cipher, insurerId, member, new Date());
        if (!stored) return this.taken(manager, insurerId, member);
        await this.outbox.add(
          manager,
          Subjects.memberRegistered,
          memberSnapshot(stored),
          newCorrelation(requestIdOf(request)),
        );
        return ok(toMemberView(stored));
      });
    });
  }

  /**
   * The id is taken. For the caller's own member whose coverage overlaps, say so on the dates (one
   * member has one policy at a time); otherwise the id is "not available", the very answer whether it
   * is the caller's own member or another insurer's, so nothing about the other tenant shows.
   */
  private async taken(manager: EntityManager, insurerId: string, member: NewMember): Promise<RpcReply<MemberView>> {
    const existing = await findMember(manager, this.cipher, member.id);
    if (existing && existing.insurerId === insurerId && periodsOverlap(existing, member)) {
      const until = existing.coverageEnd ?? 'open-ended';
      return conflict(`member ${member.id} already has coverage that overlaps this one`, [
        {
          field: 'coverageStart',
          message: `overlaps the member's coverage from ${existing.coverageStart} to ${until}`,
        },
      ]);
    }
    return idNotAvailable('member');
  }
}
