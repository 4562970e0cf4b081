import type { EntityManager } from 'typeorm';
import type { PlanView } from '#libs/contracts';
import type { PhiCipher } from '#libs/phi';
import type { Policy } from '../coverage/coverage-facts.js';
import { findPlan } from '../plans/plan-store.js';
import { findMember, type MemberRecord } from './member-store.js';

/** A member with the plan it is enrolled on, and the policy facts the coverage rules read. */
export interface MemberPolicy {
  member: MemberRecord;
  plan: PlanView;
  policy: Policy;
}

export async function findMemberPolicy(
  manager: EntityManager,
  cipher: PhiCipher,
  memberId: string,
): Promise<MemberPolicy | null> {
  const member = await findMember(manager, cipher, memberId);
  if (!member) return null;
  // The foreign key guarantees the plan; plans are immutable, so no lock is needed.
  const plan = (await findPlan(manager, member.planId))!;
  return { member, plan, policy: toPolicy(member, plan) };
}

export function toPolicy(member: MemberRecord, plan: PlanView): Policy {
  return {
    status: member.status,
    coverageStart: member.coverageStart,
    coverageEnd: member.coverageEnd,
    plan: {
      coveredCategories: plan.coveredCategories,
      coveredCodes: plan.coveredCodes,
      excludedCodes: plan.excludedCodes,
      preauthCodes: plan.preauthCodes,
      waitingPeriodDays: plan.waitingPeriodDays,
    },
  };
}
