import type { z } from 'zod';
import { createMemberPayload, updateMemberPayload, type UpdateMemberPayload } from '#libs/contracts';
import { parseWith, type Checked, type FieldError } from '#libs/rpc';

export type NewMember = z.output<typeof createMemberPayload>;

/** The enrolment's shape and its dates (DOMAIN.md: coverageStart ≤ date ≤ coverageEnd). */
export function parseNewMember(payload: unknown, today: string): Checked<NewMember> {
  const parsed = parseWith(createMemberPayload, payload);
  if (!parsed.ok) return parsed;
  const errors = memberDateErrors(parsed.value, today);
  return errors.length > 0 ? { ok: false, errors } : parsed;
}

interface MemberDates {
  birthDate: string;
  coverageStart: string;
  coverageEnd: string | null;
  dateOfDeath: string | null;
}

/** Dates that cannot be true together. YYYY-MM-DD strings compare as dates. */
export function memberDateErrors(dates: MemberDates, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (dates.birthDate > today) errors.push({ field: 'birthDate', message: 'must not be in the future' });
  if (dates.coverageEnd !== null && dates.coverageEnd < dates.coverageStart) {
    errors.push({ field: 'coverageEnd', message: `must not be before coverageStart (${dates.coverageStart})` });
  }
  if (dates.dateOfDeath !== null) {
    if (dates.dateOfDeath < dates.birthDate) {
      errors.push({ field: 'dateOfDeath', message: `must not be before birthDate (${dates.birthDate})` });
    } else if (dates.dateOfDeath > today) {
      errors.push({ field: 'dateOfDeath', message: 'must not be in the future' });
    }
  }
  return errors;
}

export type MemberChange = Omit<UpdateMemberPayload, 'id'>;

/** A PATCH: the member's id and at least one of coverageEnd, dateOfDeath, status. */
export function parseMemberChange(payload: unknown): Checked<UpdateMemberPayload> {
  const parsed = parseWith(updateMemberPayload, payload);
  if (!parsed.ok) return parsed;
  const { coverageEnd, dateOfDeath, status } = parsed.value;
  if (coverageEnd === undefined && dateOfDeath === undefined && status === undefined) {
    return { ok: false, errors: [{ field: 'body', message: 'give at least one of coverageEnd, dateOfDeath, status' }] };
  }
  return parsed;
}

export interface MemberState extends MemberDates {
  status: 'active' | 'cancelled';
}

/**
 * The member after a PATCH, or the fields that make it impossible; `changed` is false when the
 * PATCH restates what is stored (no new version, no event).
 */
export function applyMemberChange<T extends MemberState>(
  member: T,
  change: MemberChange,
  today: string,
): { ok: true; member: T; changed: boolean } | { ok: false; errors: FieldError[] } {
  const next: T = {
    ...member,
    ...(change.coverageEnd !== undefined && { coverageEnd: change.coverageEnd }),
    ...(change.dateOfDeath !== undefined && { dateOfDeath: change.dateOfDeath }),
    ...(change.status !== undefined && { status: change.status }),
  };
  const errors = memberDateErrors(next, today).filter(
    // Only what this PATCH touches can be wrong with it (a stored birth date is not the caller's doing).
    (error) => (change as Record<string, unknown>)[error.field] !== undefined,
  );
  if (errors.length > 0) return { ok: false, errors };
  const changed =
    next.coverageEnd !== member.coverageEnd || next.dateOfDeath !== member.dateOfDeath || next.status !== member.status;
  return { ok: true, member: next, changed };
}
