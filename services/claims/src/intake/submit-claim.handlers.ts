import { randomUUID } from 'node:crypto';
import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import {
  newCorrelation,
  RpcPatterns,
  Subjects,
  type Principal,
  type RpcReply,
  type SubmitClaimResult,
} from '#libs/contracts';
import { Outbox } from '#libs/messaging';
import { inTransaction } from '#libs/persistence';
import { PhiCipher } from '#libs/phi';
import { CLAIMS_CONFIG, type ClaimsConfig } from '../claims.config.js';
import { knownInsurerOf } from '../members/member-insurers.js';
import { fail, inRole, ok, requestIdOf, serveRequest } from '#libs/rpc';
import { claimIdForSubmissionKey, isSubmissionKeyTaken, storeClaim, submittedEvent } from './store-claim.js';
import { authorizeSubmission, insurerAtIntake, parseSubmission, type Submission } from './submission.js';

const SUBMIT_RULES = {
  action: 'submit claim',
  caller: inRole('clinic', 'insurer'),
  refusal: 'submit claims',
  read: parseSubmission,
};

/**
 * Claim intake (request/reply from the gateway): check the caller and the claim, then store the
 * claim and its submitted event in one transaction. This is the platform's hot path, so it makes one
 * statement for the claim and one for the event, and no call to any other service.
 */
@Controller()
export class SubmitClaimHandlers {
  private readonly logger = new Logger('ClaimIntake');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(CLAIMS_CONFIG) private readonly config: ClaimsConfig,
    @Inject(PhiCipher) private readonly cipher: PhiCipher,
  ) {}

  @MessagePattern(RpcPatterns.submitClaim)
  async submit(@Payload() request: unknown): Promise<RpcReply<SubmitClaimResult>> {
    return serveRequest(this.logger, request, SUBMIT_RULES, async ({ principal, input: submission }) => {
      // Only an insurer's claim needs the member's insurer before storing; for a clinic's the
      // insert itself looks it up, saving a round trip on the common path.
      const known = principal.role === 'insurer' ? await knownInsurerOf(this.dataSource, submission.memberId) : null;
      const refused = authorizeSubmission(principal, submission, known);
      if (refused) return fail(refused);

      if (submission.submissionKey) {
        const stored = await claimIdForSubmissionKey(this.dataSource.manager, submission.submissionKey);
        if (stored) return ok({ id: stored, status: 'received' });
      }
      const id = randomUUID();
      try {
        await this.store(id, submission, principal, known, request);
      } catch (error) {
        if (!submission.submissionKey || !isSubmissionKeyTaken(error)) throw error;
        const stored = await claimIdForSubmissionKey(this.dataSource.manager, submission.submissionKey);
        return ok({ id: stored!, status: 'received' });
      }
      return ok({ id, status: 'received' });
    });
  }

  private async store(
    id: string,
    submission: Submission,
    principal: Principal,
    known: string | null,
    request: unknown,
  ): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const claim = {
        id,
        submission,
        submittedBy: principal,
        insurerId: insurerAtIntake(principal, known),
        at: new Date(),
      };
      const stored = await storeClaim(manager, claim, this.config.deadlines, this.cipher);
      const causation = newCorrelation(requestIdOf(request));
      await this.outbox.add(manager, Subjects.claimSubmitted, submittedEvent(stored, submission), causation);
    });
  }
}
