import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseProcedures, type ProcedureRow } from './procedures.js';

const DATA_FOLDER = join('libs', 'reference-data', 'data');

/**
 * The folder of the shipped reference tables (`libs/reference-data/data`). Code runs from the sources
 * (jest) or from `dist/libs/...`, where the build copies no CSV, so this walks up from this module to
 * the repository root that holds the folder. A container image must ship that folder.
 */
export function referenceDataFolder(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const candidate = join(dir, DATA_FOLDER);
    if (existsSync(join(candidate, 'procedures.csv'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no ${DATA_FOLDER}/procedures.csv above ${fileURLToPath(from)}`);
    dir = parent;
  }
}

/** The shipped procedure table; a malformed row is a packaging bug, so it throws naming the line. */
export function shippedProcedures(path: string = join(referenceDataFolder(), 'procedures.csv')): ProcedureRow[] {
  const { rows, problems } = parseProcedures(readFileSync(path, 'utf8'));
  if (problems.length > 0) {
    throw new Error(`${path}: ${problems.map((problem) => `line ${problem.line}: ${problem.message}`).join('; ')}`);
  }
  return rows;
}

/** Typical minutes per procedure code, for IMPOSSIBLE_DAY (DOMAIN.md, Fraud rules). */
export function typicalMinutesByCode(rows: readonly ProcedureRow[]): Map<string, number> {
  return new Map(rows.map((row) => [row.code, row.typicalMinutes]));
}
