import { parseDelimited } from './delimited.js';

export interface ProcedureRow {
  code: string;
  category: string;
  description: string;
  typicalMinutes: number;
  mueUnitsPerDay: number;
}

export interface ParseProblem {
  line: number;
  message: string;
}

export interface ParsedProcedures {
  rows: ProcedureRow[];
  problems: ParseProblem[];
}

const COLUMNS = ['code', 'category', 'description', 'typical_minutes', 'mue_units_per_day'] as const;

/** Reads the procedure table (`procedures.csv`: code, category, description, typical_minutes, mue_units_per_day). */
export function parseProcedures(text: string): ParsedProcedures {
  const table = parseDelimited(text);
  const header = table[0]?.cells.map((cell) => cell.toLowerCase()) ?? [];
  if (COLUMNS.some((column, index) => header[index] !== column)) {
    return { rows: [], problems: [{ line: table[0]?.line ?? 1, message: `header must be ${COLUMNS.join(',')}` }] };
  }
  const rows: ProcedureRow[] = [];
  const problems: ParseProblem[] = [];
  for (const { cells, line } of table.slice(1)) {
    const problem = problemOf(cells);
    if (problem) {
      problems.push({ line, message: problem });
      continue;
    }
    const [code, category, description, minutes, mue] = cells;
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

function problemOf([code, category, , minutes, mue]: string[]): string | null {
  if (!/^[A-Z0-9]{5}$/.test(code ?? '')) return `code "${code ?? ''}" is not a 5-character code`;
  if (!/^[a-z][a-z0-9_]*$/.test(category ?? '')) return `category "${category ?? ''}" is not a snake_case name`;
  if (!/^\d+$/.test(minutes ?? '')) return `typical minutes "${minutes ?? ''}" is not a whole number`;
  if (!/^\d+$/.test(mue ?? '')) return `MUE "${mue ?? ''}" is not a whole number`;
  return null;
}
