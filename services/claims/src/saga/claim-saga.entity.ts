import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CheckName } from '#libs/contracts';
import type { CheckAnswer, CheckProgress, FlagDecision } from './saga-state.js';

/** A check's progress as stored (dates as ISO strings inside JSON). */
export interface StoredCheck {
  progress: CheckProgress;
  attempts: number;
  deadlineAt: string | null;
  answer: CheckAnswer | null;
}

/**
 * The saga's own memory per claim: one row, locked while an answer or a deadline is handled.
 * `next_deadline_at` is the earliest deadline of the checks still out, so the scanner reads one index.
 */
@Entity('claim_sagas')
@Index('claim_sagas_due', ['nextDeadlineAt'], { where: 'next_deadline_at IS NOT NULL' })
export class ClaimSagaRow {
  @PrimaryColumn({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @Column({ type: 'jsonb' })
  checks: Record<CheckName, StoredCheck>;

  @Column({ name: 'flag_decision', type: 'text', nullable: true })
  flagDecision: FlagDecision | null;

  @Column({ name: 'next_deadline_at', type: 'timestamptz', nullable: true })
  nextDeadlineAt: Date | null;

  /** How often the step after the decision (pricing, then payout) was asked; the decided event is 1. */
  @Column({ name: 'settlement_attempts', type: 'integer', default: 0 })
  settlementAttempts: number;

  /** When an approved claim's pricing or payout is asked again; null once nothing is awaited. */
  @Column({ name: 'settlement_deadline_at', type: 'timestamptz', nullable: true })
  settlementDeadlineAt: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
