/**
 * Splits a comma- or tab-delimited reference file into rows of trimmed cells. Quoted cells may hold the
 * delimiter ("Evaluation, management"), as in CMS's CSV exports; doubled quotes escape a quote.
 */
export interface DelimitedRow {
  /** 1-based line number in the file, for error messages. */
  line: number;
  cells: string[];
}

export function parseDelimited(text: string): DelimitedRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const delimiter = detectDelimiter(lines);
  return lines
    .map((line, index) => ({ line: index + 1, text: line }))
    .filter(({ text: line }) => line.trim() !== '')
    .map(({ line, text: content }) => ({ line, cells: splitLine(content, delimiter) }));
}

function detectDelimiter(lines: string[]): string {
  const sample = lines.slice(0, 20).join('\n');
  return (sample.match(/\t/g)?.length ?? 0) > (sample.match(/,/g)?.length ?? 0) ? '\t' : ',';
}

function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else cell += char;
  }
  cells.push(cell.trim());
  return cells;
}

/** `2024-01-01` or CMS's `20240101` → `2024-01-01`; empty or `*` (CMS: no data) → null. */
export function parseCmsDate(value: string | undefined): string | null {
  const text = (value ?? '').trim();
  if (text === '' || text === '*') return null;
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  throw new Error(`"${text}" is not a date (YYYYMMDD or YYYY-MM-DD)`);
}
