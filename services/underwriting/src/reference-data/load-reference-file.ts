import type { DataSource } from 'typeorm';
import { inTransaction } from '#libs/persistence';
import { lastPairPerKey, upsertNcciPairs } from './ncci-table.js';
import { parseMue } from './parse-mue.js';
import type { ParseProblem } from './parse-ncci-ptp.js';
import { parseNcciPtp } from './parse-ncci-ptp.js';
import { applyMueValues } from './procedure-table.js';

export type ReferenceKind = 'ncci' | 'mue';

/** What one file did to the tables. */
export interface LoadReport {
  kind: ReferenceKind;
  /** Data rows read without problems. */
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** MUE rows of codes the procedure table does not have. */
  skipped: number;
  /** Rows repeated later in the same file (the later one counts). */
  duplicates: number;
  /** Lines that could not be read, by line number; the other lines are loaded. */
  problems: ParseProblem[];
}

/**
 * Imports one reference file in CMS's official layout (or our seed's), comma- or tab-delimited, in
 * one transaction. Idempotent: loading the same file again changes nothing. NCCI pairs are kept with
 * their effective and deletion dates; the coverage decision picks the ones in force on the service date.
 */
export async function loadReferenceFile(
  dataSource: DataSource,
  kind: ReferenceKind,
  text: string,
): Promise<LoadReport> {
  return kind === 'ncci' ? loadNcci(dataSource, text) : loadMue(dataSource, text);
}

async function loadNcci(dataSource: DataSource, text: string): Promise<LoadReport> {
  const { rows, problems } = parseNcciPtp(text);
  const { pairs, duplicates } = lastPairPerKey(rows);
  const counts = await inTransaction(dataSource, (manager) => upsertNcciPairs(manager, pairs, 'replace'));
  return { kind: 'ncci', read: rows.length, ...counts, skipped: 0, duplicates, problems };
}

async function loadMue(dataSource: DataSource, text: string): Promise<LoadReport> {
  const { rows, problems } = parseMue(text);
  const duplicates = rows.length - new Set(rows.map((row) => row.code)).size;
  const counts = await inTransaction(dataSource, (manager) => applyMueValues(manager, rows));
  return { kind: 'mue', read: rows.length, inserted: 0, ...counts, duplicates, problems };
}
