import { Injectable } from '@nestjs/common';
import {
  Subjects,
  type Envelope,
  type InsurerRegistered,
  type MemberSnapshot,
  type ProviderRegistered,
} from '#libs/contracts';
import { HandleEvent, type HandlerContext } from '#libs/messaging';
import { saveInsurer, saveMember, saveProvider } from './directory-store.js';

/** Keeps the insurer, provider and member addresses the bridge checks signatures and consents against. */
@Injectable()
export class DirectoryHandlers {
  @HandleEvent(Subjects.insurerRegistered)
  async onInsurerRegistered(event: Envelope<InsurerRegistered>, { manager }: HandlerContext): Promise<void> {
    await saveInsurer(manager, event.data.insurerId, event.data.address);
  }

  @HandleEvent(Subjects.providerRegistered)
  async onProviderRegistered(event: Envelope<ProviderRegistered>, { manager }: HandlerContext): Promise<void> {
    await saveProvider(manager, event.data.providerId, event.data.address);
  }

  @HandleEvent(Subjects.memberRegistered)
  async onMemberRegistered(event: Envelope<MemberSnapshot>, { manager }: HandlerContext): Promise<void> {
    await saveMember(manager, event.data);
  }

  @HandleEvent(Subjects.memberUpdated)
  async onMemberUpdated(event: Envelope<MemberSnapshot>, { manager }: HandlerContext): Promise<void> {
    await saveMember(manager, event.data);
  }
}
