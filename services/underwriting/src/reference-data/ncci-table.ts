import type { EntityManager } from 'typeorm';
import type { NcciPair } from '../coverage/coverage-facts.js';

/** NCCI pairs whose column-2 code is among `codes` and that are in force on `date`. */
export async function pairsInForce(
  manager: EntityManager,
  codes: readonly string[],
  date: string,
): Promise<NcciPair[]> {
  const rows: {
    column1: string;
    column2: string;
    effective_date: string;
    deletion_date: string | null;
    modifier_indicator: number;
  }[] = await manager.query(
    `SELECT column1, column2, effective_date::text, deletion_date::text, modifier_indicator
       FROM ncci_pairs
       WHERE column2 = ANY($1::text[]) AND effective_date <= $2::date AND (deletion_date IS NULL OR $2::date < deletion_date)`,
    [[...new Set(codes)], date],
  );
  return rows.map((row) => ({
    column1: row.column1,
    column2: row.column2,
    effectiveDate: row.effective_date,
    deletionDate: row.deletion_date,
    modifierIndicator: row.modifier_indicator as NcciPair['modifierIndicator'],
  }));
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Rows per statement: large CMS files (hundreds of thousands of pairs) go in slices. */
const SLICE = 5_000;

/**
 * Writes pairs keyed by (column1, column2, effective date). `replace` updates a stored pair whose
 * deletion date or modifier indicator differ (a new quarterly file deletes an edit by giving it a
 * deletion date); `keep` leaves stored pairs alone (the seed never overrides loaded data).
 */
export async function upsertNcciPairs(
  manager: EntityManager,
  pairs: readonly NcciPair[],
  mode: 'replace' | 'keep',
): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  for (let start = 0; start < pairs.length; start += SLICE) {
    const slice = pairs.slice(start, start + SLICE);
    const onConflict =
      mode === 'keep'
        ? 'DO NOTHING'
        : `DO UPDATE SET deletion_date = EXCLUDED.deletion_date, modifier_indicator = EXCLUDED.modifier_indicator
           WHERE (ncci_pairs.deletion_date, ncci_pairs.modifier_indicator)
                 IS DISTINCT FROM (EXCLUDED.deletion_date, EXCLUDED.modifier_indicator)`;
    // xmax = 0 on a freshly inserted row; an updated row carries the updating transaction's id.
    const rows: { inserted: boolean }[] = await manager.query(
      `INSERT INTO ncci_pairs (column1, column2, effective_date, deletion_date, modifier_indicator)
       SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::date[], $5::smallint[])
       ON CONFLICT (column1, column2, effective_date) ${onConflict}
       RETURNING (xmax = 0) AS inserted`,
      [
        slice.map((pair) => pair.column1),
        slice.map((pair) => pair.column2),
        slice.map((pair) => pair.effectiveDate),
        slice.map((pair) => pair.deletionDate),
        slice.map((pair) => pair.modifierIndicator),
      ],
    );
    const inserted = rows.filter((row) => row.inserted).length;
    counts.inserted += inserted;
    counts.updated += rows.length - inserted;
    counts.unchanged += slice.length - rows.length;
  }
  return counts;
}

/**
 * One pair per key, the last one in file order winning, as PostgreSQL refuses to touch a row twice
 * in one statement. Returns how many earlier duplicates were dropped.
 */
export function lastPairPerKey(pairs: readonly NcciPair[]): { pairs: NcciPair[]; duplicates: number } {
  const byKey = new Map<string, NcciPair>();
  for (const pair of pairs) {
    const key = `${pair.column1}|${pair.column2}|${pair.effectiveDate}`;
    byKey.delete(key);
    byKey.set(key, pair);
  }
  return { pairs: [...byKey.values()], duplicates: pairs.length - byKey.size };
}
