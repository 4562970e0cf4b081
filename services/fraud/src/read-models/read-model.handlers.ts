import { Inject, Injectable } from '@nestjs/common';
import { Subjects, type ClaimDecided, type Envelope, type EstimateCreated, type MemberSnapshot } from '#libs/contracts';
import { HandleEvent, type HandlerContext } from '#libs/messaging';
import { PhiCipher } from '#libs/phi';
import { applyMemberSnapshot, markClaimDenied, storeEstimate } from './read-model-store.js';

/** Fraud's read models from other services' events; each effect is idempotent per business key. */
@Injectable()
export class ReadModelHandlers {
  constructor(@Inject(PhiCipher) private readonly cipher: PhiCipher) {}

  @HandleEvent(Subjects.memberRegistered)
  async onMemberRegistered(event: Envelope<MemberSnapshot>, { manager }: HandlerContext): Promise<void> {
    await applyMemberSnapshot(manager, this.cipher, event.data);
  }

  @HandleEvent(Subjects.memberUpdated)
  async onMemberUpdated(event: Envelope<MemberSnapshot>, { manager }: HandlerContext): Promise<void> {
    await applyMemberSnapshot(manager, this.cipher, event.data);
  }

  @HandleEvent(Subjects.estimateCreated)
  async onEstimateCreated(event: Envelope<EstimateCreated>, { manager }: HandlerContext): Promise<void> {
    await storeEstimate(manager, event.data);
  }

  @HandleEvent(Subjects.claimDecided)
  async onClaimDecided(event: Envelope<ClaimDecided>, { manager }: HandlerContext): Promise<void> {
    if (event.data.status === 'denied') await markClaimDenied(manager, event.data.claimId);
  }
}
