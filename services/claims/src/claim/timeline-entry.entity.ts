import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ClaimStatus } from '#libs/contracts';

/** One transition of a claim (DOMAIN.md: every transition is appended to the claim's timeline). */
@Entity('claim_timeline')
@Index('claim_timeline_by_claim', ['claimId', 'seq'])
export class TimelineEntryRow {
  /** Insertion order: several entries of one transaction share their `at`. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq: string;

  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  status: ClaimStatus;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'text' })
  actor: 'system' | 'analyst' | 'chain';
}
