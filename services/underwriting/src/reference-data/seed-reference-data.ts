import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { inTransaction } from '#libs/persistence';
import { lastPairPerKey, upsertNcciPairs } from './ncci-table.js';
import { parseNcciPtp } from './parse-ncci-ptp.js';
import { parseProcedures } from '#libs/reference-data';
import { insertMissingProcedures } from './procedure-table.js';
import { referenceDataFolder } from '#libs/reference-data';

/**
 * Loads the shipped reference seed (procedures.csv, ncci-ptp.csv) at every start, idempotently: rows
 * the tables lack are added, rows they have are left alone, so MUE values or pairs imported later
 * with the loader (official CMS files) are never overwritten by the illustrative seed.
 */
export async function seedReferenceData(
  dataSource: DataSource,
  folder: string = referenceDataFolder(),
): Promise<{ procedures: number; pairs: number }> {
  const procedures = parseProcedures(await readFile(join(folder, 'procedures.csv'), 'utf8'));
  const pairs = parseNcciPtp(await readFile(join(folder, 'ncci-ptp.csv'), 'utf8'));
  // The seed is ours: a problem in it is a bug to fix, not a line to skip.
  const problems = [
    ...procedures.problems.map((problem) => `procedures.csv line ${problem.line}: ${problem.message}`),
    ...pairs.problems.map((problem) => `ncci-ptp.csv line ${problem.line}: ${problem.message}`),
  ];
  if (problems.length > 0) throw new Error(`the reference seed in ${folder} is broken:\n${problems.join('\n')}`);
  return inTransaction(dataSource, async (manager) => ({
    procedures: await insertMissingProcedures(manager, procedures.rows),
    pairs: (await upsertNcciPairs(manager, lastPairPerKey(pairs.rows).pairs, 'keep')).inserted,
  }));
}
