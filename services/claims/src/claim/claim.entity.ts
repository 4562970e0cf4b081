import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ClaimStatus, Role } from '#libs/contracts';

/** A claim as submitted, with its public status. Lines and timeline live in their own tables. */
@Entity('claims')
@Index('claims_by_insurer', ['insurerId', 'submittedAt', 'id'])
@Index('claims_by_provider', ['providerId', 'submittedAt', 'id'])
@Index('claims_by_member', ['memberId', 'submittedAt', 'id'])
export class Claim {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'member_id', type: 'text' })
  memberId: string;

  @Column({ name: 'provider_id', type: 'text' })
  providerId: string;

  /** Null while nobody has told the claims service who insures the member. */
  @Column({ name: 'insurer_id', type: 'text', nullable: true })
  insurerId: string | null;

  @Column({ name: 'submitted_by_role', type: 'text' })
  submittedByRole: Role;

  @Column({ name: 'submitted_by_org', type: 'text', nullable: true })
  submittedByOrg: string | null;

  /** `YYYY-MM-DD`; kept as text on the JS side so no time zone ever shifts it. */
  @Column({ name: 'service_date', type: 'date' })
  serviceDate: string;

  /** A JSON array sealed at rest (claim-phi.ts): open it with `openDiagnosisCodes`. */
  @Column({ name: 'diagnosis_codes', type: 'text' })
  sealedDiagnosisCodes: string;

  @Column({ name: 'estimate_id', type: 'text', nullable: true })
  estimateId: string | null;

  @Column({ type: 'jsonb' })
  records: { recordId: string; sha256: string }[];

  @Column({ type: 'text' })
  status: ClaimStatus;

  @Column({ name: 'denial_reason', type: 'text', nullable: true })
  denialReason: string | null;

  /** The plan's ISO 4217 currency, learnt from the coverage check. */
  @Column({ type: 'text', nullable: true })
  currency: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Bumped on every change, so a writer can tell whether the row moved under it. */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
