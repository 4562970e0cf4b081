import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { estimateRequestPayload, RpcPatterns, type CoveragePreviewView, type RpcReply } from '#libs/contracts';
import { answering, forbidden, invalid, malformedRequest, ok, parseWith, payloadOf, principalOf } from '#libs/rpc';
import { toPolicy } from '../members/member-policy.js';
import { findMember } from '../members/member-store.js';
import { previewCoverage } from './preview-coverage.js';
import { loadPreviewFacts, PreviewPlans } from './preview-facts.js';

/**
 * `rpc.underwriting.coverage.preview`: the coverage decision for an estimate's planned lines (clinic),
 * from the same facts and pure decision a claim gets, storing nothing. Billing prices the verdicts.
 */
@Controller()
export class CoveragePreviewHandler {
  private readonly logger = new Logger('CoveragePreview');
  private readonly plans = new PreviewPlans();

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @MessagePattern(RpcPatterns.coveragePreview)
  async preview(@Payload() request: unknown): Promise<RpcReply<CoveragePreviewView>> {
    return answering(this.logger, 'preview coverage', async () => {
      const principal = principalOf(request);
      if (!principal) return malformedRequest();
      if (principal.role !== 'clinic') return forbidden(principal, 'ask for estimates');
      const input = parseWith(estimateRequestPayload, payloadOf(request));
      if (!input.ok) return invalid('the estimate request is not valid', input.errors);
      const { manager } = this.dataSource;
      // Both reads at once: the facts do not depend on the member, and an unknown member is rare.
      const [member, facts] = await Promise.all([
        findMember(manager, input.value.memberId),
        loadPreviewFacts(manager, input.value),
      ]);
      if (!member) return invalid('no such member', [{ field: 'memberId', message: 'is not a known member' }]);
      // The foreign key guarantees the plan.
      const plan = (await this.plans.get(manager, member.planId))!;
      return ok(previewCoverage({ member, plan, policy: toPolicy(member, plan) }, input.value, facts));
    });
  }
}
