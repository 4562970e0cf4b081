/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROCEDURES } from './procedures';

describe('the clinic portal’s procedure table', () => {
  it('is the reference table the platform ships (libs/reference-data/data/procedures.csv)', () => {
    // Read as a file, not imported: the browser app imports no lib (the dependency rules forbid it).
    const csv = readFileSync(join(process.cwd(), 'libs', 'reference-data', 'data', 'procedures.csv'), 'utf8');
    const rows = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => {
        const [code, category, description] = line.split(',');
        return { code, category, description };
      });
    expect(PROCEDURES).toEqual(rows);
  });
});
