import { Inject, Injectable } from '@nestjs/common';
import { Subjects, type ClaimDecided, type EstimateCreated, type MemberSnapshot } from '#libs/contracts';
import { HandleEvents, type BatchHandlerContext, type BatchItem } from '#libs/messaging';
import { PhiCipher } from '#libs/phi';
import { applyMemberSnapshots, markClaimsDenied, storeEstimates } from './read-model-store.js';

/**
 * Fraud's read models from other services' events; each effect is idempotent per business key, and each
 * consumer writes its whole batch in one statement.
 */
@Injectable()
export class ReadModelHandlers {
  constructor(@Inject(PhiCipher) private readonly cipher: PhiCipher) {}

  @HandleEvents(Subjects.memberRegistered)
  async onMembersRegistered(items: BatchItem<MemberSnapshot>[], { manager }: BatchHandlerContext): Promise<void> {
    await applyMemberSnapshots(
      manager,
      this.cipher,
      items.map(({ event }) => event.data),
    );
  }

  @HandleEvents(Subjects.memberUpdated)
  async onMembersUpdated(items: BatchItem<MemberSnapshot>[], { manager }: BatchHandlerContext): Promise<void> {
    await applyMemberSnapshots(
      manager,
      this.cipher,
      items.map(({ event }) => event.data),
    );
  }

  @HandleEvents(Subjects.estimateCreated)
  async onEstimatesCreated(items: BatchItem<EstimateCreated>[], { manager }: BatchHandlerContext): Promise<void> {
    await storeEstimates(
      manager,
      items.map(({ event }) => event.data),
    );
  }

  @HandleEvents(Subjects.claimDecided)
  async onClaimsDecided(items: BatchItem<ClaimDecided>[], { manager }: BatchHandlerContext): Promise<void> {
    const denied = items.filter(({ event }) => event.data.status === 'denied').map(({ event }) => event.data.claimId);
    await markClaimsDenied(manager, denied);
  }
}
