import type { NcciPair } from '../coverage/coverage-facts.js';
import { parseCmsDate, parseDelimited } from '#libs/reference-data';

export interface ParseProblem {
  line: number;
  message: string;
}

export interface Parsed<T> {
  rows: T[];
  problems: ParseProblem[];
}

/**
 * Reads an NCCI practitioner PTP file: our seed layout (column1, column2, effective_date, deletion_date,
 * modifier_indicator) or CMS's quarterly file (Column 1, Column 2, *=in existence prior to 1996, Effective Date,
 * Deletion Date *=no data, Modifier 0/1/9, PTP Edit Rationale), comma- or tab-delimited. CMS files open with
 * copyright lines: everything before the header row is skipped.
 */
export function parseNcciPtp(text: string): Parsed<NcciPair> {
  const table = parseDelimited(text);
  const headerIndex = table.findIndex(({ cells }) => /^column\s*1$/i.test(cells[0] ?? ''));
  if (headerIndex < 0) return { rows: [], problems: [{ line: 1, message: 'no header row starting with "Column 1"' }] };
  const columns = locateColumns(table[headerIndex].cells);
  const rows: NcciPair[] = [];
  const problems: ParseProblem[] = [];
  table.slice(headerIndex + 1).forEach(({ cells, line }) => {
    try {
      rows.push(toPair(cells, columns));
    } catch (error) {
      problems.push({ line, message: (error as Error).message });
    }
  });
  return { rows, problems };
}

interface Columns {
  column1: number;
  column2: number;
  effective: number;
  deletion: number;
  modifier: number;
}

function locateColumns(header: string[]): Columns {
  const find = (pattern: RegExp, name: string): number => {
    const index = header.findIndex((cell) => pattern.test(cell));
    if (index < 0) throw new Error(`header has no ${name} column`);
    return index;
  };
  return {
    column1: find(/^column\s*1$/i, 'column 1'),
    column2: find(/^column\s*2$/i, 'column 2'),
    effective: find(/^effective/i, 'effective date'),
    deletion: find(/^deletion/i, 'deletion date'),
    modifier: find(/^modifier/i, 'modifier indicator'),
  };
}

function toPair(cells: string[], columns: Columns): NcciPair {
  const code = (value: string | undefined, name: string): string => {
    if (!/^[A-Z0-9]{5}$/.test(value ?? '')) throw new Error(`${name} "${value ?? ''}" is not a 5-character code`);
    return value!;
  };
  const column1 = code(cells[columns.column1], 'column 1');
  const column2 = code(cells[columns.column2], 'column 2');
  const effectiveDate = parseCmsDate(cells[columns.effective]);
  if (!effectiveDate) throw new Error('effective date is missing');
  const indicator = cells[columns.modifier];
  if (indicator !== '0' && indicator !== '1' && indicator !== '9') {
    throw new Error(`modifier indicator "${indicator ?? ''}" is not 0, 1 or 9`);
  }
  return {
    column1,
    column2,
    effectiveDate,
    deletionDate: parseCmsDate(cells[columns.deletion]),
    modifierIndicator: Number(indicator) as 0 | 1 | 9,
  };
}
