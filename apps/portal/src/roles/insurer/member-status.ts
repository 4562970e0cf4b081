import type { components } from '../../api/generated/schema';

export type MemberStatus = components['schemas']['MemberResponse']['status'];

export const MEMBER_STATUSES: readonly MemberStatus[] = ['active', 'cancelled'];

/** The policy's status in words (the shared badge has no word for a cancelled policy). */
export const memberStatusLabel = (status: MemberStatus): string => (status === 'active' ? 'Active' : 'Cancelled');
