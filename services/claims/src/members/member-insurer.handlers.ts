import { Injectable } from '@nestjs/common';
import { Subjects, type Envelope, type MemberSnapshot } from '#libs/contracts';
import { HandleEvent, type HandlerContext } from '#libs/messaging';
import { recordMemberInsurer } from './member-insurers.js';

/**
 * Keeps the member → insurer read model from underwriting's member snapshots, so intake stamps a
 * claim with its insurer and an insurer may submit only for its own members.
 */
@Injectable()
export class MemberInsurerHandlers {
  @HandleEvent(Subjects.memberRegistered)
  async onMemberRegistered(event: Envelope<MemberSnapshot>, { manager }: HandlerContext): Promise<void> {
    await recordMemberInsurer(manager, event.data);
  }

  @HandleEvent(Subjects.memberUpdated)
  async onMemberUpdated(event: Envelope<MemberSnapshot>, { manager }: HandlerContext): Promise<void> {
    await recordMemberInsurer(manager, event.data);
  }
}
