import type { CheckName, ClaimStatus } from '#libs/contracts';

/**
 * The claim saga's memory (DOMAIN.md, Claim life cycle): the claim's public status plus, per check,
 * whether it answered, what it said, how often it was asked and when it is overdue. Pure data: the
 * store maps it to and from rows.
 */
export type CheckProgress = 'pending' | 'answered' | 'cancelled';

export interface CoverageAnswer {
  check: 'coverage';
  insurerId: string | null;
  currency: string | null;
  /** The member's plan, for pricing; absent in answers stored before it was recorded. */
  planId?: string | null;
  /** `category` (for copays) is absent in answers stored before it was recorded. */
  lines: { index: number; status: 'covered' | 'denied'; reason: string | null; category?: string | null }[];
}
export interface FraudAnswer {
  check: 'fraud';
  score: number;
  held: boolean;
  flagId: string | null;
}
export interface LedgerAnswer {
  check: 'ledger';
  verified: boolean;
  reason: string | null;
}
export type CheckAnswer = CoverageAnswer | FraudAnswer | LedgerAnswer;
type AnswerOf<C extends CheckName> = Extract<CheckAnswer, { check: C }>;

export interface CheckState<A extends CheckAnswer = CheckAnswer> {
  progress: CheckProgress;
  /** How many times the check was asked; the submitted event is attempt 1. */
  attempts: number;
  /** When an unanswered check is asked again; null once answered or cancelled. */
  deadlineAt: Date | null;
  /**
   * How many times the check answered "pending" (it cannot judge yet) rather than with a verdict; absent
   * (none) in states stored before pending answers existed. Decides when the saga asks for a final verdict.
   */
  pendingAnswers?: number;
  answer: A | null;
}

export type SagaChecks = { [C in CheckName]: CheckState<AnswerOf<C>> };

export type FlagDecision = 'confirm' | 'dismiss';

export interface ClaimSagaState {
  claimId: string;
  status: ClaimStatus;
  lineCount: number;
  insurerId: string | null;
  currency: string | null;
  checks: SagaChecks;
  /** An analyst's decision on the fraud flag; may arrive before the screening that raised it. */
  flagDecision: FlagDecision | null;
}

export type TimelineActor = 'system' | 'analyst' | 'chain';

export interface LineVerdict {
  index: number;
  status: 'approved' | 'denied';
  reason: string | null;
}

const TERMINAL: readonly ClaimStatus[] = ['approved', 'denied', 'paid', 'payment_failed', 'closed'];

/** Once decided, a claim's review is over: later answers and deadlines change nothing. */
export function isDecided(status: ClaimStatus): boolean {
  return TERMINAL.includes(status);
}
