import { Injectable } from '@nestjs/common';
import { Subjects, type Envelope, type MemberSnapshot, type PlanRegistered } from '#libs/contracts';
import { HandleEvent, type HandlerContext } from '#libs/messaging';
import { rememberMember, rememberPlan } from './read-model-store.js';

/**
 * Billing's read models of underwriting's plans (benefits for pricing) and members (member → plan
 * and insurer, for claims whose decision names no plan, and for who may read an estimate).
 */
@Injectable()
export class UnderwritingReadModelHandlers {
  @HandleEvent(Subjects.planRegistered)
  async onPlanRegistered(event: Envelope<PlanRegistered>, { manager }: HandlerContext): Promise<void> {
    await rememberPlan(manager, event.data);
  }

  @HandleEvent(Subjects.memberRegistered)
  async onMemberRegistered(event: Envelope<MemberSnapshot>, { manager }: HandlerContext): Promise<void> {
    await rememberMember(manager, event.data);
  }

  @HandleEvent(Subjects.memberUpdated)
  async onMemberUpdated(event: Envelope<MemberSnapshot>, { manager }: HandlerContext): Promise<void> {
    await rememberMember(manager, event.data);
  }
}
