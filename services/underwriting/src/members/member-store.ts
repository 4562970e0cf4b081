import { updateReturning } from '#libs/persistence';
import type { EntityManager } from 'typeorm';
import type { MemberSnapshot, MemberView } from '#libs/contracts';
import type { PhiCipher } from '#libs/phi';
import type { PageCursor } from '#libs/rpc';
import type { NewMember } from './member-input.js';
import { openMemberPhi, sealDateOfDeath, sealMemberPhi, type MemberPhi } from './member-phi.js';

/** A member as stored: the public view and the version its events carry. */
export interface MemberRecord extends MemberView {
  version: number;
}

/** Enrols a member (version 1), its personal data sealed; null when the id is taken. */
export async function insertMember(
  manager: EntityManager,
  cipher: PhiCipher,
  insurerId: string,
  member: NewMember,
  at: Date,
): Promise<MemberRecord | null> {
  const phi: MemberPhi = { name: member.name, birthDate: member.birthDate, dateOfDeath: member.dateOfDeath };
  const sealed = sealMemberPhi(cipher, member.id, phi);
  const rows: MemberRow[] = await manager.query(
    `INSERT INTO members (id, insurer_id, plan_id, name, birth_date, coverage_start, coverage_end, address,
       date_of_death, status, version, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'active', 1, $10, $10)
     ON CONFLICT (id) DO NOTHING
     RETURNING ${MEMBER_COLUMNS}`,
    [
      member.id,
      insurerId,
      member.planId,
      sealed.name,
      sealed.birthDate,
      member.coverageStart,
      member.coverageEnd,
      member.address,
      sealed.dateOfDeath,
      at,
    ],
  );
  return rows[0] ? toRecord(rows[0], phi) : null;
}

/** The member with this id, whoever insures it; `forUpdate` locks the row for a change. */
export async function findMember(
  manager: EntityManager,
  cipher: PhiCipher,
  id: string,
  { forUpdate = false } = {},
): Promise<MemberRecord | null> {
  const rows: MemberRow[] = await manager.query(
    `SELECT ${MEMBER_COLUMNS} FROM members WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
    [id],
  );
  const row = rows[0];
  return row ? openRow(cipher, row) : null;
}

async function openRow(cipher: PhiCipher, row: MemberRow): Promise<MemberRecord> {
  const stored = { name: row.name, birthDate: row.birth_date, dateOfDeath: row.date_of_death };
  return toRecord(row, await openMemberPhi(cipher, row.id, stored));
}

export interface MemberListQuery {
  planId?: string;
  status?: MemberView['status'];
  after?: PageCursor;
  limit: number;
}

/**
 * Up to `limit` of the insurer's members after the cursor, newest first (id breaks ties), their personal
 * data opened. Filters are on columns in the clear only: the sealed ones are never searched in SQL.
 */
export async function listInsurerMembers(
  manager: EntityManager,
  cipher: PhiCipher,
  insurerId: string,
  query: MemberListQuery,
): Promise<MemberRecord[]> {
  const rows: MemberRow[] = await manager.query(
    `SELECT ${MEMBER_COLUMNS} FROM members
     WHERE insurer_id = $1 AND ($2::text IS NULL OR plan_id = $2) AND ($3::text IS NULL OR status = $3)
       AND ($4::timestamptz IS NULL OR (created_at, id) < ($4::timestamptz, $5::text))
     ORDER BY created_at DESC, id DESC LIMIT $6`,
    [
      insurerId,
      query.planId ?? null,
      query.status ?? null,
      query.after?.at ?? null,
      query.after?.id ?? null,
      query.limit,
    ],
  );
  return Promise.all(rows.map((row) => openRow(cipher, row)));
}

/** Stores a change as the next version (the date of death sealed). */
export async function saveMemberChange(
  manager: EntityManager,
  cipher: PhiCipher,
  member: MemberRecord,
  at: Date,
): Promise<MemberRecord> {
  const rows = await updateReturning<MemberRow>(
    manager,
    `UPDATE members SET coverage_end = $2, date_of_death = $3, status = $4, version = version + 1, updated_at = $5
     WHERE id = $1 RETURNING ${MEMBER_COLUMNS}`,
    [member.id, member.coverageEnd, sealDateOfDeath(cipher, member.id, member.dateOfDeath), member.status, at],
  );
  return toRecord(rows[0], { name: member.name, birthDate: member.birthDate, dateOfDeath: member.dateOfDeath });
}

/** The public view: the stored member without its version. */
export function toMemberView({ version: _version, ...view }: MemberRecord): MemberView {
  return view;
}

/** `underwriting.member.*.v1`: the policy as it now stands, without name or birth date. */
export function memberSnapshot(member: MemberRecord): MemberSnapshot {
  return {
    memberId: member.id,
    insurerId: member.insurerId,
    planId: member.planId,
    coverageStart: member.coverageStart,
    coverageEnd: member.coverageEnd,
    status: member.status,
    dateOfDeath: member.dateOfDeath,
    address: member.address,
    version: member.version,
  };
}

// Dates as text: pg would turn a `date` into a local-time Date and shift it across time zones. Name,
// birth date and date of death are sealed text (member-phi.ts).
const MEMBER_COLUMNS = `id, insurer_id, plan_id, name, birth_date, coverage_start::text, coverage_end::text,
  address, date_of_death, status, version, created_at, updated_at`;

interface MemberRow {
  id: string;
  insurer_id: string;
  plan_id: string;
  name: string;
  birth_date: string;
  coverage_start: string;
  coverage_end: string | null;
  address: string;
  date_of_death: string | null;
  status: 'active' | 'cancelled';
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** The row with its personal data in the clear (`phi`: opened, or just written). */
function toRecord(row: MemberRow, phi: MemberPhi): MemberRecord {
  return {
    id: row.id,
    insurerId: row.insurer_id,
    name: phi.name,
    birthDate: phi.birthDate,
    planId: row.plan_id,
    coverageStart: row.coverage_start,
    coverageEnd: row.coverage_end,
    address: row.address,
    dateOfDeath: phi.dateOfDeath,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}
