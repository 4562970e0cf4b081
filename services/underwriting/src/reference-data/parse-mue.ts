import { parseDelimited } from '#libs/reference-data';
import type { Parsed, ParseProblem } from './parse-ncci-ptp.js';

export interface MueRow {
  code: string;
  mueUnitsPerDay: number;
}

/**
 * Reads a practitioner MUE file: CMS's layout (HCPCS/CPT Code, Practitioner Services MUE Values, MUE
 * Adjudication Indicator, MUE Rationale) or our procedure table (code, …, mue_units_per_day), comma- or
 * tab-delimited, skipping lines before the header.
 */
export function parseMue(text: string): Parsed<MueRow> {
  const table = parseDelimited(text);
  const headerIndex = table.findIndex(({ cells }) => /^(hcpcs|code$)/i.test(cells[0] ?? ''));
  if (headerIndex < 0)
    return { rows: [], problems: [{ line: 1, message: 'no header row starting with "HCPCS" or "code"' }] };
  const header = table[headerIndex].cells;
  const valueColumn = header.findIndex((cell) => /mue.*value|^mue_units_per_day$/i.test(cell));
  if (valueColumn < 0)
    return { rows: [], problems: [{ line: table[headerIndex].line, message: 'header has no MUE value column' }] };
  const rows: MueRow[] = [];
  const problems: ParseProblem[] = [];
  table.slice(headerIndex + 1).forEach(({ cells, line }) => {
    const code = cells[0];
    const value = cells[valueColumn];
    if (!/^[A-Z0-9]{5}$/.test(code ?? ''))
      problems.push({ line, message: `code "${code ?? ''}" is not a 5-character code` });
    else if (!/^\d+$/.test(value ?? ''))
      problems.push({ line, message: `MUE value "${value ?? ''}" is not a whole number` });
    else rows.push({ code, mueUnitsPerDay: Number(value) });
  });
  return { rows, problems };
}
