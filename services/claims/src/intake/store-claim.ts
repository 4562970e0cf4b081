import type { EntityManager } from 'typeorm';
import type { ClaimSubmitted } from '#libs/contracts';
import type { Principal } from '#libs/contracts';
import type { PhiCipher } from '#libs/phi';
import { sealDiagnosisCodes } from '../claim/claim-phi.js';
import { startingChecks } from '../saga/claim-saga.js';
import type { DeadlinePolicy } from '../saga/deadline-policy.js';
import { toStoredChecks, nextDeadline } from '../saga/saga-mapping.js';
import type { Submission } from './submission.js';

export interface StoredClaim {
  id: string;
  insurerId: string | null;
  submittedAt: Date;
}

/**
 * Writes a new claim, its lines, its first timeline entry (`received`) and its saga row (every check
 * asked once by the submitted event, each with a deadline) in ONE statement: intake is the hot path,
 * so one round trip instead of five. The insurer is the one given, else the member's from the read model.
 * The diagnosis codes are sealed before they leave the process.
 */
export async function storeClaim(
  manager: EntityManager,
  claim: { id: string; submission: Submission; submittedBy: Principal; insurerId: string | null; at: Date },
  deadlines: DeadlinePolicy,
  cipher: PhiCipher,
): Promise<StoredClaim> {
  const { id, submission, submittedBy, at } = claim;
  const checks = startingChecks(at, deadlines);
  const lines = submission.lines.map((line, index) => ({ index, ...line }));
  const rows: { insurer_id: string | null }[] = await manager.query(
    `WITH claim AS (
       INSERT INTO claims (id, member_id, provider_id, insurer_id, submitted_by_role, submitted_by_org, service_date,
                           diagnosis_codes, estimate_id, records, status, submitted_at, updated_at, submission_key)
       VALUES ($1, $2, $3, COALESCE($4, (SELECT insurer_id FROM member_insurers WHERE member_id = $2)), $5, $6, $7,
               $8, $9, $10, 'received', $11, $11, $15)
       RETURNING id, insurer_id
     ), claim_lines AS (
       INSERT INTO claim_lines (claim_id, line_index, code, units, charge, modifiers)
       SELECT $1, l.index, l.code, l.units, l.charge, ARRAY(SELECT jsonb_array_elements_text(l.modifiers))
       FROM jsonb_to_recordset($12::jsonb) AS l(index int, code text, units int, charge bigint, modifiers jsonb)
     ), timeline AS (
       INSERT INTO claim_timeline (claim_id, at, status, actor) VALUES ($1, $11, 'received', 'system')
     ), saga AS (
       INSERT INTO claim_sagas (claim_id, checks, next_deadline_at, updated_at) VALUES ($1, $13, $14, $11)
     )
     SELECT insurer_id FROM claim`,
    [
      id,
      submission.memberId,
      submission.providerId,
      claim.insurerId,
      submittedBy.role,
      submittedBy.org ?? null,
      submission.serviceDate,
      sealDiagnosisCodes(cipher, id, submission.diagnosisCodes),
      submission.estimateId,
      JSON.stringify(submission.records),
      at,
      JSON.stringify(lines),
      JSON.stringify(toStoredChecks(checks)),
      nextDeadline(checks),
      submission.submissionKey,
    ],
  );
  return { id, insurerId: rows[0]?.insurer_id ?? null, submittedAt: at };
}

/** The submitted event: everything a checking service needs to answer without asking back. */
export function submittedEvent(claim: StoredClaim, submission: Submission): ClaimSubmitted {
  return {
    claimId: claim.id,
    memberId: submission.memberId,
    providerId: submission.providerId,
    insurerId: claim.insurerId,
    serviceDate: submission.serviceDate,
    diagnosisCodes: submission.diagnosisCodes,
    lines: submission.lines,
    records: submission.records,
    estimateId: submission.estimateId,
    submittedAt: claim.submittedAt.toISOString(),
  };
}

/** The claim already stored under a submission key, if any. */
export async function claimIdForSubmissionKey(manager: EntityManager, key: string): Promise<string | null> {
  const rows: { id: string }[] = await manager.query('SELECT id FROM claims WHERE submission_key = $1', [key]);
  return rows[0]?.id ?? null;
}

/** A unique violation on the submission key: another request with the same key stored it first. */
export function isSubmissionKeyTaken(error: unknown): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === '23505' && constraint === 'claims_submission_key';
}
