import { parseDelimited } from './delimited.js';
import type { Parsed, ParseProblem } from './parse-ncci-ptp.js';

export interface ProcedureRow {
  code: string;
  category: string;
  description: string;
  typicalMinutes: number;
  mueUnitsPerDay: number;
}

const COLUMNS = ['code', 'category', 'description', 'typical_minutes', 'mue_units_per_day'] as const;

/** Reads our procedure table (`procedures.csv`: code, category, description, typical_minutes, mue_units_per_day). */
export function parseProcedures(text: string): Parsed<ProcedureRow> {
  const table = parseDelimited(text);
  const header = table[0]?.cells.map((cell) => cell.toLowerCase()) ?? [];
  if (COLUMNS.some((column, index) => header[index] !== column)) {
    return { rows: [], problems: [{ line: table[0]?.line ?? 1, message: `header must be ${COLUMNS.join(',')}` }] };
  }
  const rows: ProcedureRow[] = [];
  const problems: ParseProblem[] = [];
  for (const { cells, line } of table.slice(1)) {
    const [code, category, description, minutes, mue] = cells;
    if (!/^[A-Z0-9]{5}$/.test(code ?? ''))
      problems.push({ line, message: `code "${code ?? ''}" is not a 5-character code` });
    else if (!/^[a-z][a-z0-9_]*$/.test(category ?? ''))
      problems.push({ line, message: `category "${category ?? ''}" is not a snake_case name` });
    else if (!/^\d+$/.test(minutes ?? ''))
      problems.push({ line, message: `typical minutes "${minutes ?? ''}" is not a whole number` });
    else if (!/^\d+$/.test(mue ?? '')) problems.push({ line, message: `MUE "${mue ?? ''}" is not a whole number` });
    else
      rows.push({
        code,
        category,
        description: description ?? '',
        typicalMinutes: Number(minutes),
        mueUnitsPerDay: Number(mue),
      });
  }
  return { rows, problems };
}
