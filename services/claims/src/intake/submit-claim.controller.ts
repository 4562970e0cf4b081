import { randomUUID } from 'node:crypto';
import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { newCorrelation, RpcPatterns, Subjects, type RpcReply, type SubmitClaimResult } from '#libs/contracts';
import { Outbox } from '#libs/messaging';
import { inTransaction } from '#libs/persistence';
import { CLAIMS_CONFIG, type ClaimsConfig } from '../claims.config.js';
import { knownInsurerOf } from '../members/member-insurers.js';
import { answering, fail, malformedRequest, ok, payloadOf, principalOf, requestIdOf } from '../rpc/rpc-replies.js';
import { storeClaim, submittedEvent } from './store-claim.js';
import { authorizeSubmission, insurerAtIntake, parseSubmission } from './submission.js';

/**
 * Claim intake (request/reply from the gateway): check the caller and the claim, then store the
 * claim and its submitted event in one transaction. This is the platform's hot path, so it makes one
 * statement for the claim and one for the event, and no call to any other service.
 */
@Controller()
export class SubmitClaimController {
  private readonly logger = new Logger('ClaimIntake');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(CLAIMS_CONFIG) private readonly config: ClaimsConfig,
  ) {}

  @MessagePattern(RpcPatterns.submitClaim)
  async submit(@Payload() request: unknown): Promise<RpcReply<SubmitClaimResult>> {
    return answering(this.logger, 'submit claim', async () => {
      const principal = principalOf(request);
      if (!principal) return malformedRequest();
      if (principal.role !== 'clinic' && principal.role !== 'insurer') {
        return fail({ code: 'FORBIDDEN', detail: `role ${principal.role} may not submit claims` });
      }
      const parsed = parseSubmission(payloadOf(request));
      if (!parsed.ok) return parsed;
      const submission = parsed.value;
      // Only an insurer's claim needs the member's insurer before storing; for a clinic's the
      // insert itself looks it up, saving a round trip on the common path.
      const known = principal.role === 'insurer' ? await knownInsurerOf(this.dataSource, submission.memberId) : null;
      const refused = authorizeSubmission(principal, submission, known);
      if (refused) return fail(refused);

      const id = randomUUID();
      await inTransaction(this.dataSource, async (manager) => {
        const claim = {
          id,
          submission,
          submittedBy: principal,
          insurerId: insurerAtIntake(principal, known),
          at: new Date(),
        };
        const stored = await storeClaim(manager, claim, this.config.deadlines);
        const causation = newCorrelation(requestIdOf(request));
        await this.outbox.add(manager, Subjects.claimSubmitted, submittedEvent(stored, submission), causation);
      });
      return ok({ id, status: 'received' });
    });
  }
}
