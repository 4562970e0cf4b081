import { affectedRows } from '#libs/persistence';
import type { EntityManager } from 'typeorm';
import type { Procedure } from '../coverage/coverage-facts.js';
import type { MueRow } from './parse-mue.js';
import type { ProcedureRow } from '#libs/reference-data';
import type { ProcedureView } from '#libs/contracts';

export interface ProcedureFilter {
  /** The start of a code, or any part of a description (case-insensitive). */
  q?: string;
  category?: string;
  /** List the codes after this one. */
  after?: string;
  limit: number;
}

/** One page of the procedure table in code order, filtered; `more` when codes follow the page. */
export async function listProcedures(
  manager: EntityManager,
  filter: ProcedureFilter,
): Promise<{ items: ProcedureView[]; more: boolean }> {
  const pattern = filter.q === undefined ? null : likeLiteral(filter.q);
  const rows: ProcedureView[] = await manager.query(
    `SELECT code, category, description FROM procedures
     WHERE ($1::text IS NULL OR code ILIKE $1 || '%' OR description ILIKE '%' || $1 || '%')
       AND ($2::text IS NULL OR category = $2)
       AND ($3::text IS NULL OR code > $3)
     ORDER BY code
     LIMIT $4`,
    [pattern, filter.category ?? null, filter.after ?? null, filter.limit + 1],
  );
  return { items: rows.slice(0, filter.limit), more: rows.length > filter.limit };
}

/** The text as a LIKE pattern matching itself only: a `%` or `_` someone searches for is not a wildcard. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** The procedures of the reference table among `codes` (a code not in it is simply absent). */
export async function proceduresByCode(
  manager: EntityManager,
  codes: readonly string[],
): Promise<Map<string, Procedure>> {
  const rows: { code: string; category: string; mue_units_per_day: number }[] = await manager.query(
    `SELECT code, category, mue_units_per_day FROM procedures WHERE code = ANY($1::text[])`,
    [[...new Set(codes)]],
  );
  return new Map(rows.map((row) => [row.code, { category: row.category, mueUnitsPerDay: row.mue_units_per_day }]));
}

/** Which of `codes` the table knows, and every category it has. */
export async function knownProcedures(
  manager: EntityManager,
  codes: readonly string[],
): Promise<{ codes: Set<string>; categories: Set<string> }> {
  const known = await proceduresByCode(manager, codes);
  const categories: { category: string }[] = await manager.query(`SELECT DISTINCT category FROM procedures`);
  return { codes: new Set(known.keys()), categories: new Set(categories.map((row) => row.category)) };
}

/** Adds procedures the table does not have yet; never changes one it has (see seed-reference-data.ts). */
export async function insertMissingProcedures(manager: EntityManager, rows: readonly ProcedureRow[]): Promise<number> {
  const inserted: unknown[] = await manager.query(
    `INSERT INTO procedures (code, category, description, typical_minutes, mue_units_per_day)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[])
     ON CONFLICT (code) DO NOTHING RETURNING code`,
    [
      rows.map((row) => row.code),
      rows.map((row) => row.category),
      rows.map((row) => row.description),
      rows.map((row) => row.typicalMinutes),
      rows.map((row) => row.mueUnitsPerDay),
    ],
  );
  return inserted.length;
}

/**
 * Sets the MUE of procedures the table knows. A code the table does not know is skipped: a
 * procedure needs a category, which an MUE file does not give (CMS's file lists every HCPCS code).
 */
export async function applyMueValues(
  manager: EntityManager,
  rows: readonly MueRow[],
): Promise<{ updated: number; unchanged: number; skipped: number }> {
  const last = new Map(rows.map((row) => [row.code, row.mueUnitsPerDay]));
  const codes = [...last.keys()];
  const known: { count: string }[] = await manager.query(
    `SELECT count(*) FROM procedures WHERE code = ANY($1::text[])`,
    [codes],
  );
  const updated = await affectedRows(
    manager,
    `UPDATE procedures SET mue_units_per_day = given.mue
     FROM unnest($1::text[], $2::int[]) AS given(code, mue)
     WHERE procedures.code = given.code AND procedures.mue_units_per_day <> given.mue`,
    [codes, codes.map((code) => last.get(code))],
  );
  const knownCount = Number(known[0].count);
  return { updated, unchanged: knownCount - updated, skipped: codes.length - knownCount };
}
