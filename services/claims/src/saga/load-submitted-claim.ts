import type { EntityManager } from 'typeorm';
import type { ClaimSubmitted } from '#libs/contracts';
import type { PhiCipher } from '#libs/phi';
import { openDiagnosisCodes } from '../claim/claim-phi.js';

interface Row {
  member_id: string;
  provider_id: string;
  insurer_id: string | null;
  service_date: string;
  /** Sealed JSON (claim-phi.ts). */
  diagnosis_codes: string;
  records: { recordId: string; sha256: string }[];
  estimate_id: string | null;
  submitted_at: Date;
  lines: { code: string; units: number; charge: string; modifiers: string[] }[];
}

/** The claim as the submitted event carried it, for a re-ask that must stand on its own. */
export async function loadSubmittedClaim(
  manager: EntityManager,
  cipher: PhiCipher,
  claimId: string,
): Promise<ClaimSubmitted> {
  const rows: Row[] = await manager.query(
    `SELECT c.member_id, c.provider_id, c.insurer_id, to_char(c.service_date, 'YYYY-MM-DD') AS service_date,
            c.diagnosis_codes, c.records, c.estimate_id, c.submitted_at,
            (SELECT json_agg(json_build_object('code', l.code, 'units', l.units, 'charge', l.charge::text,
                                               'modifiers', l.modifiers) ORDER BY l.line_index)
             FROM claim_lines l WHERE l.claim_id = c.id) AS lines
     FROM claims c WHERE c.id = $1`,
    [claimId],
  );
  const row = rows[0];
  if (!row) throw new Error(`claim ${claimId} vanished while its saga was locked`);
  return {
    claimId,
    memberId: row.member_id,
    providerId: row.provider_id,
    insurerId: row.insurer_id,
    serviceDate: row.service_date,
    diagnosisCodes: await openDiagnosisCodes(cipher, claimId, row.diagnosis_codes),
    lines: row.lines.map((line) => ({ ...line, charge: Number(line.charge) })),
    records: row.records,
    estimateId: row.estimate_id,
    submittedAt: row.submitted_at.toISOString(),
  };
}
