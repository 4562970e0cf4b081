import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { type MemberView, newCorrelation, RpcPatterns, type RpcReply, Subjects, todayUtc } from '#libs/contracts';
import { Outbox } from '#libs/messaging';
import { PhiCipher } from '#libs/phi';
import { inTransaction } from '#libs/persistence';
import { insurerOf, invalid, notFound, ok, requestIdOf, serveRequest } from '#libs/rpc';
import { applyMemberChange, parseMemberChange } from './member-input.js';
import { findMember, memberSnapshot, saveMemberChange, toMemberView } from './member-store.js';

const CHANGE_RULES = {
  action: 'change the member',
  caller: insurerOf,
  refusal: 'change members',
  payload: parseMemberChange,
  invalidDetail: 'the change is not valid',
};

/**
 * `PATCH /v1/members/{id}` (insurer, own members): coverage end, date of death or status. Each
 * change is a new version, published as `underwriting.member.updated.v1` in the same transaction;
 * a PATCH that changes nothing answers the member as it is, with no new version.
 */
@Controller()
export class UpdateMemberHandlers {
  private readonly logger = new Logger('UpdateMember');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(PhiCipher) private readonly cipher: PhiCipher,
  ) {}

  @MessagePattern(RpcPatterns.updateMember)
  async update(@Payload() request: unknown): Promise<RpcReply<MemberView>> {
    return serveRequest(this.logger, request, CHANGE_RULES, async ({ caller: insurerId, input }) => {
      const { id, ...change } = input;

      return inTransaction(this.dataSource, async (manager) => {
        // Locked, so two PATCHes of one member make two versions, never one lost update.
        const member = await findMember(manager, this.cipher, id, { forUpdate: true });
        if (!member || member.insurerId !== insurerId) return notFound('member');
        const next = applyMemberChange(member, change, todayUtc());
        if (!next.ok) return invalid('the change is not valid', next.errors);
        if (!next.changed) return ok(toMemberView(member));
        const saved = await saveMemberChange(manager, this.cipher, next.member, new Date());
        await this.outbox.add(
          manager,
          Subjects.memberUpdated,
          memberSnapshot(saved),
          newCorrelation(requestIdOf(request)),
        );
        return ok(toMemberView(saved));
      });
    });
  }
}
