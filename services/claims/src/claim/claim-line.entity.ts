import { Column, Entity, PrimaryColumn } from 'typeorm';
import { moneyColumn } from './money-column.js';

export type ClaimLineStatus = 'pending' | 'approved' | 'denied';

/** One billed line, in submitted order; its verdict and amounts are filled in as the claim is decided. */
@Entity('claim_lines')
export class ClaimLine {
  @PrimaryColumn({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @PrimaryColumn({ name: 'line_index', type: 'smallint' })
  index: number;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'integer' })
  units: number;

  @Column({ type: 'bigint', transformer: moneyColumn })
  charge: number;

  @Column({ type: 'text', array: true })
  modifiers: string[];

  @Column({ type: 'text', default: 'pending' })
  status: ClaimLineStatus;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'bigint', default: 0, transformer: moneyColumn })
  allowed: number;

  @Column({ name: 'plan_pays', type: 'bigint', default: 0, transformer: moneyColumn })
  planPays: number;

  @Column({ name: 'patient_pays', type: 'bigint', default: 0, transformer: moneyColumn })
  patientPays: number;

  /** The patient's share split as billing priced it; null until priced (and on lines priced before it was kept). */
  @Column({ type: 'bigint', nullable: true, transformer: moneyColumn })
  deductible: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: moneyColumn })
  copay: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: moneyColumn })
  coinsurance: number | null;
}
