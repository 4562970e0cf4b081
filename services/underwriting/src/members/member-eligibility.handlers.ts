import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { eligibilityPayload, RpcPatterns, type EligibilityView, type Principal, type RpcReply } from '#libs/contracts';
import { PhiCipher } from '#libs/phi';
import { inRole, notFound, ok, serveRequest } from '#libs/rpc';
import { policyReason } from '../coverage/policy-eligibility.js';
import type { MemberRecord } from './member-store.js';
import { findMemberPolicy } from './member-policy.js';

const ELIGIBILITY_RULES = {
  action: 'check eligibility',
  caller: inRole('insurer', 'clinic', 'patient'),
  refusal: 'check eligibility',
  payload: eligibilityPayload,
  invalidDetail: 'the eligibility request is not valid',
};

/**
 * `GET /v1/members/{id}/eligibility?date=` (insurer: own members; clinic: any member, as it checks
 * before treating; patient: own). The reasons are the coverage decision's own eligibility rules.
 * Accumulators belong to billing: the gateway adds them.
 */
@Controller()
export class MemberEligibilityHandlers {
  private readonly logger = new Logger('MemberEligibility');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PhiCipher) private readonly cipher: PhiCipher,
  ) {}

  @MessagePattern(RpcPatterns.memberEligibility)
  async eligibility(@Payload() request: unknown): Promise<RpcReply<EligibilityView>> {
    return serveRequest(this.logger, request, ELIGIBILITY_RULES, async ({ principal, input }) => {
      const { memberId, date } = input;
      const found = await findMemberPolicy(this.dataSource.manager, this.cipher, memberId);
      if (!found || !maySee(principal, found.member)) return notFound('member');
      const reason = policyReason(found.policy, date);
      return ok({
        memberId,
        insurerId: found.member.insurerId,
        date,
        eligible: reason === null,
        reasons: reason === null ? [] : [reason],
        plan: found.plan,
      });
    });
  }
}

function maySee(principal: Principal, member: MemberRecord): boolean {
  switch (principal.role) {
    case 'insurer':
      return principal.org === member.insurerId;
    case 'clinic':
      return true;
    case 'patient':
      return principal.patient === member.id;
    case 'admin':
    case 'analyst':
      return false;
  }
}
