import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Read model: which insurer covers a member, fed by underwriting's member events, so
 * intake can stamp a claim with its insurer without asking underwriting. Unknown members are fine:
 * the coverage check reports the insurer and the saga records it.
 */
@Entity('member_insurers')
export class MemberInsurer {
  @PrimaryColumn({ name: 'member_id', type: 'text' })
  memberId: string;

  @Column({ name: 'insurer_id', type: 'text' })
  insurerId: string;

  /** The version of the underwriting snapshot this row holds (0 before any). */
  @Column({ type: 'integer', default: 0 })
  version: number;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
