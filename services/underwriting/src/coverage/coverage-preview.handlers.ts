import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { estimateRequestPayload, RpcPatterns, type CoveragePreviewView, type RpcReply } from '#libs/contracts';
import { PhiCipher } from '#libs/phi';
import { inRole, invalid, ok, serveRequest } from '#libs/rpc';
import { toPolicy } from '../members/member-policy.js';
import { findMember } from '../members/member-store.js';
import { previewCoverage } from './preview-coverage.js';
import { loadPreviewFacts, PreviewPlans } from './preview-facts.js';

const PREVIEW_RULES = {
  action: 'preview coverage',
  caller: inRole('clinic'),
  refusal: 'ask for estimates',
  payload: estimateRequestPayload,
  invalidDetail: 'the estimate request is not valid',
};

/**
 * `rpc.underwriting.coverage.preview`: the coverage decision for an estimate's planned lines (clinic),
 * from the same facts and pure decision a claim gets, storing nothing. Billing prices the verdicts.
 */
@Controller()
export class CoveragePreviewHandlers {
  private readonly logger = new Logger('CoveragePreview');
  private readonly plans = new PreviewPlans();

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PhiCipher) private readonly cipher: PhiCipher,
  ) {}

  @MessagePattern(RpcPatterns.coveragePreview)
  async preview(@Payload() request: unknown): Promise<RpcReply<CoveragePreviewView>> {
    return serveRequest(this.logger, request, PREVIEW_RULES, async ({ input }) => {
      const { manager } = this.dataSource;
      // Both reads at once: the facts do not depend on the member, and an unknown member is rare.
      const [member, facts] = await Promise.all([
        findMember(manager, this.cipher, input.memberId),
        loadPreviewFacts(manager, input),
      ]);
      if (!member) return invalid('no such member', [{ field: 'memberId', message: 'is not a known member' }]);
      // The foreign key guarantees the plan.
      const plan = (await this.plans.get(manager, member.planId))!;
      return ok(previewCoverage({ member, plan, policy: toPolicy(member, plan) }, input, facts));
    });
  }
}
