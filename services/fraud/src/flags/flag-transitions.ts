import type { FlagDecision, FlagStatus } from '#libs/contracts';

/** What the queue allows an analyst to do with a flag (DOMAIN.md: a flag is decided once). */
export interface FlagState {
  status: FlagStatus;
  assignee?: string;
}

export type Verdict = { ok: true; changes: boolean } | { ok: false; conflict: string };

export const isDecided = (flag: FlagState): boolean => flag.status === 'confirmed' || flag.status === 'dismissed';

/** Assigning to oneself again changes nothing; a flag another analyst holds, or a decided one, is a conflict. */
export function assignVerdict(flag: FlagState, analyst: string): Verdict {
  if (isDecided(flag)) return { ok: false, conflict: `the flag is already ${flag.status}` };
  if (flag.assignee && flag.assignee !== analyst) return { ok: false, conflict: 'another analyst holds this flag' };
  return { ok: true, changes: flag.assignee !== analyst };
}

/** One decision per flag; an open flag may be decided by whoever takes it, a held one only by its holder. */
export function decisionVerdict(flag: FlagState, analyst: string): Verdict {
  if (isDecided(flag)) return { ok: false, conflict: `the flag is already ${flag.status}` };
  if (flag.assignee && flag.assignee !== analyst) return { ok: false, conflict: 'another analyst holds this flag' };
  return { ok: true, changes: true };
}

export const statusAfter = (decision: FlagDecision): 'confirmed' | 'dismissed' =>
  decision === 'confirm' ? 'confirmed' : 'dismissed';
